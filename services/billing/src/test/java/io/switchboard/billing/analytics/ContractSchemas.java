package io.switchboard.billing.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.serde.EventJson;

/** Checks a record as published against its JSON schema, the one libs/contracts publishes. */
final class ContractSchemas {

    private static final String BASE = "https://switchboard.io/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();

    private ContractSchemas() {
    }

    static void assertConforms(EventType type, String json) {
        try {
            assertEquals(Set.of(), FACTORY.getSchema(SchemaLocation.of(BASE + type.schemaFile()), CONFIG)
                    .validate(EventJson.MAPPER.readTree(json)), () -> type.schemaFile() + " rejects " + json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
