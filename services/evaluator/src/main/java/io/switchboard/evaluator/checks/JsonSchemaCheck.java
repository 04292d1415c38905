package io.switchboard.evaluator.checks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.serde.EventJson;

/**
 * When the request's {@code response_format} was a {@code json_schema}, the answer conforms to that schema (JSON
 * Schema 2020-12, OpenAI's structured outputs). The schema is the tenant's, so some schemas are not checked at all:
 * one whose references leave the document (a {@code $ref} to a URL would make the evaluator fetch it; loading is
 * disallowed besides), one with regular expressions ({@code pattern}, {@code patternProperties}: a backtracking one
 * could hold the results consumer of every tenant), and one that does not compile.
 */
@ApplicationScoped
public class JsonSchemaCheck implements QualityCheck {

    /** Schemas compiled, by their text; tenants reuse a handful, so this stays small. Cleared when full. */
    private static final int COMPILED_LIMIT = 512;
    private static final int SCHEMA_CHARS_LIMIT = 100_000;
    private static final int VIOLATIONS_SHOWN = 3;
    private static final ObjectReader READER = EventJson.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonSchemaFactory factory = JsonSchemaFactory.builder(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .schemaLoaders(loaders -> loaders.values(List::clear).add(DisallowSchemaLoader.getInstance()))
            .build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "json_schema";
    }

    @Override
    public boolean applies(JobCompleted result) {
        JsonNode schema = result.responseSchema();
        if (schema == null || schema.toString().length() > SCHEMA_CHARS_LIMIT || uncheckable(schema)) {
            return false;
        }
        try {
            schemaOf(schema);
            return true;
        } catch (RuntimeException doesNotCompile) {
            return false;
        }
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        String content = result.assistantContent();
        if (content == null || content.isBlank()) {
            return Verdict.fail("no content to check against the schema");
        }
        JsonNode answer;
        try {
            answer = READER.readTree(content);
        } catch (JsonProcessingException e) {
            return Verdict.fail("content is not valid JSON, so it cannot follow the schema");
        }
        Set<ValidationMessage> violations;
        try {
            violations = schemaOf(result.responseSchema()).validate(answer);
        } catch (RuntimeException e) {
            return Verdict.fail("the requested schema could not be applied (" + e.getClass().getSimpleName() + ")");
        }
        if (violations.isEmpty()) {
            return Verdict.pass("content follows the requested schema");
        }
        // keyword and place only: a validator's message may quote the answer, which is the tenant's data
        String shown = violations.stream().limit(VIOLATIONS_SHOWN)
                .map(violation -> violation.getType() + " at " + violation.getInstanceLocation())
                .collect(Collectors.joining("; "));
        return Verdict.fail(violations.size() + " schema violation(s): " + shown);
    }

    private JsonSchema schemaOf(JsonNode schema) {
        String key = schema.toString();
        JsonSchema known = compiled.get(key);
        if (known != null) {
            return known;
        }
        if (compiled.size() >= COMPILED_LIMIT) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, text -> factory.getSchema(schema));
    }

    /**
     * Whether a {@code $ref} or {@code $dynamicRef} points anywhere but inside the document, or a regular expression
     * is asked for.
     */
    static boolean uncheckable(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                boolean reference = key.equals("$ref") || key.equals("$dynamicRef");
                if (reference && field.getValue().isTextual() && !field.getValue().asText().startsWith("#")) {
                    return true;
                }
                if ((key.equals("pattern") && field.getValue().isTextual()) || key.equals("patternProperties")) {
                    return true;
                }
                if (uncheckable(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (uncheckable(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
