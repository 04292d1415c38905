package io.switchboard.contracts.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.switchboard.contracts.serde.EventJson;

/**
 * The published schema of a route and {@link RouteValidation} agree: what is well formed by one is by
 * the other, and a definition broken in its shape is refused by both. The schema cannot see how the parts
 * refer to each other; those definitions pass it and only the validation refuses them, as the schema's
 * description says.
 */
class RouteSchemaAndValidationTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://switchboard.io/schemas/",
                    "classpath:schemas/")))
            .getSchema(SchemaLocation.of("https://switchboard.io/schemas/route-definition.v1.json"),
                    SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build());

    private static final String SMALL = "{\"name\":\"small\",\"provider\":\"simulator\",\"model\":\"sim-small\"}";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":9,\"targets\":[" + SMALL
                    + ",{\"name\":\"big\",\"provider\":\"openai\",\"model\":\"gpt-4o\",\"credentials\":\"openai-main\","
                    + "\"weight\":0}],\"rules\":[{\"name\":\"vip\",\"when\":{\"tenants\":[\"acme\"],"
                    + "\"priorities\":[\"high\"]},\"targets\":[\"big\"]}],\"split\":{\"variants\":["
                    + "{\"name\":\"a\",\"percent\":95,\"targets\":[\"small\"]},{\"name\":\"b\",\"percent\":5,"
                    + "\"targets\":[\"big\"]}]},\"fallbacks\":{\"timeout\":[\"big\"]}}" })
    void aGoodDefinitionPassesBoth(String json) throws Exception {
        assertEquals(Set.of(), SCHEMA.validate(tree(json)));
        assertEquals(List.of(), RouteValidation.problems(read(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schema_version\":1,\"alias\":\" \",\"version\":1,\"targets\":[" + SMALL + "]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":0,\"targets\":[" + SMALL + "]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[{\"name\":\"x\",\"provider\":\"openai\"}]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[{\"name\":\"x\",\"provider\":\"openai\","
                    + "\"model\":\"m\",\"weight\":-1}," + SMALL + "]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[{\"name\":\"x\",\"provider\":\"openai\","
                    + "\"model\":\"m\",\"credentials\":\"sk-proj-Zx81QaLmN0pQrStUvWxYz\"}]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"rules\":[{\"name\":\"r\",\"targets\":[]}]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"split\":{\"variants\":[{\"name\":\"a\",\"targets\":[\"small\"]}]}}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"fallbacks\":{\"other\":[\"small\"]}}" })
    void aDefinitionBrokenInItsShapeIsRefusedByBoth(String json) throws Exception {
        assertFalse(SCHEMA.validate(tree(json)).isEmpty(), "the schema accepted " + json);
        assertFalse(RouteValidation.problems(read(json)).isEmpty(), "the validation accepted " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "," + SMALL + "]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"rules\":[{\"name\":\"r\",\"targets\":[\"nowhere\"]}]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"split\":{\"variants\":[{\"name\":\"a\",\"percent\":60,\"targets\":[\"small\"]}]}}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[{\"name\":\"x\",\"provider\":\"p\","
                    + "\"model\":\"m\",\"weight\":0}]}",
            "{\"schema_version\":1,\"alias\":\"a\",\"version\":1,\"targets\":[" + SMALL + "],"
                    + "\"fallbacks\":{\"timeout\":[\"nowhere\"]}}" })
    void aDefinitionWhosePartsDoNotFitIsRefusedByTheValidationAlone(String json) throws Exception {
        assertEquals(Set.of(), SCHEMA.validate(tree(json)));
        assertFalse(RouteValidation.problems(read(json)).isEmpty(), "the validation accepted " + json);
    }

    @Test
    void everyProblemIsReportedAndASecretIsNeverRepeated() throws Exception {
        String secret = "sk-proj-Zx81QaLmN0pQrStUvWxYz";
        List<String> problems = RouteValidation.problems(read("{\"schema_version\":1,\"alias\":\"a\",\"version\":1,"
                + "\"targets\":[{\"name\":\"x\",\"provider\":\"openai\",\"model\":\"m\",\"credentials\":\"" + secret
                + "\"}],\"rules\":[{\"name\":\"r\",\"targets\":[\"nowhere\"]}],\"fallbacks\":{\"timeout\":[\"gone\"]}}"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(problem -> problem.contains(secret)), problems.toString());
    }

    private static JsonNode tree(String json) throws Exception {
        return EventJson.MAPPER.readTree(json);
    }

    private static RouteDefinition read(String json) throws Exception {
        return EventJson.MAPPER.readValue(json, RouteDefinition.class);
    }
}
