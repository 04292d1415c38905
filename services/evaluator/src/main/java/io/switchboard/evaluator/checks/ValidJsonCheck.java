package io.switchboard.evaluator.checks;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.serde.EventJson;

/**
 * When the caller asked for JSON ({@code response_format} {@code json_object} or {@code json_schema}),
 * the content is one JSON object and nothing else. The schema itself is not checked: the result event
 * does not carry it.
 */
@ApplicationScoped
public class ValidJsonCheck implements QualityCheck {

    private static final Set<String> JSON_FORMATS = Set.of("json_object", "json_schema");
    // Text after the object (a second object, prose) would break a caller's parser, so it fails too.
    private static final ObjectReader READER = EventJson.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return "valid_json";
    }

    @Override
    public boolean applies(JobCompleted result) {
        // Set.of(...) refuses to look up null, the common case of no response_format.
        return result.responseFormatType() != null && JSON_FORMATS.contains(result.responseFormatType());
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        String content = result.assistantContent();
        if (content == null || content.isBlank()) {
            return Verdict.fail("no content to parse as JSON");
        }
        JsonNode parsed;
        try {
            parsed = READER.readTree(content);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the content, which is the tenant's data: keep only the position.
            return Verdict.fail("content is not valid JSON" + at(e.getLocation()));
        }
        if (parsed == null || !parsed.isObject()) {
            return Verdict.fail("content is JSON but not an object (" + nodeType(parsed) + ")");
        }
        return Verdict.pass("content is a JSON object with " + parsed.size() + " fields");
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String nodeType(JsonNode node) {
        return node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
