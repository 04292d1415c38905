package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * OpenAI's published OpenAPI document (kept unchanged in {@code resources/openai}, MIT licence), for
 * contract tests: our responses must validate against its component schemas.
 */
public final class OpenAiSpec {

    private static final String SPEC_URI = "https://switchboard.test/openai/openapi.yaml";
    private static final JsonNode SPEC = load();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(SPEC_URI, SPEC.toString()))));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenAiSpec() {
    }

    /** The violations of {@code components.schemas.<schemaName>} by {@code instance}; empty when it conforms. */
    public static Set<String> violations(String schemaName, JsonNode instance) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaName, name -> FACTORY.getSchema(
                SchemaLocation.of(SPEC_URI + "#/components/schemas/" + name),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
        return schema.validate(instance).stream().map(ValidationMessage::toString).collect(Collectors.toSet());
    }

    /** Fails, naming every violation, unless {@code instance} conforms to the named schema. */
    public static void assertConforms(String schemaName, JsonNode instance) {
        Set<String> violations = violations(schemaName, instance);
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid OpenAI " + schemaName + ": " + violations + "\n" + instance);
        }
    }

    private static JsonNode load() {
        try (InputStream in = OpenAiSpec.class.getResourceAsStream("/openai/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openai/openapi.yaml is missing from the classpath");
            }
            JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(in);
            honourNullable(spec);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document is OpenAPI 3.1 but still marks many fields with 3.0's {@code nullable: true}, which a
     * JSON Schema validator ignores. Rewrite each such schema so that it also admits null, as the
     * document's authors meant (OpenAI's API does send those nulls).
     */
    private static void honourNullable(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.forEach(OpenAiSpec::honourNullable);
            if (object.path("nullable").asBoolean(false)) {
                object.remove("nullable");
                admitNull(object);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenAiSpec::honourNullable);
        }
    }

    private static void admitNull(ObjectNode schema) {
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            schema.putArray("type").add(type.asText()).add("null");
        } else if (type == null) {
            ObjectNode original = schema.deepCopy();
            schema.removeAll();
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.add(original);
            anyOf.addObject().put("type", "null");
        }
    }
}
