package io.switchboard.ingress.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.switchboard.contracts.events.Priority;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.ingress.jobs.JobSubmissionValidator;

/**
 * Reads a batch's JSONL input file. Each line must be {@code {"custom_id","method":"POST","url","body"}}
 * with the batch's endpoint as url and a body the endpoint itself would accept. A line that is not is
 * rejected on its own, with the reason its error-file entry gives; only a file with no requests at all,
 * or too many, is unusable as a whole. Blank lines are skipped but keep their line numbers counted.
 */
@ApplicationScoped
class BatchInputParser {

    private final ObjectMapper json;
    private final JobSubmissionValidator validator;
    private final BatchConfig config;

    BatchInputParser(ObjectMapper json, JobSubmissionValidator validator, BatchConfig config) {
        this.json = json;
        this.validator = validator;
        this.config = config;
    }

    /** A line of the file: its 1-based number and its bytes' range {@code [start, end)}. */
    private record Span(int number, int start, int end) {

        int length() {
            return end - start;
        }
    }

    BatchInput parse(byte[] content, String endpoint, String tenantId) {
        List<Span> spans = requestLines(content);
        if (spans.isEmpty()) {
            return BatchInput.unusable("empty_file", "The input file has no requests.");
        }
        if (spans.size() > config.maxRequests()) {
            return BatchInput.unusable("too_many_requests", "The input file has " + spans.size()
                    + " requests; a batch may have at most " + config.maxRequests() + ".");
        }
        Set<String> customIds = new HashSet<>();
        List<InputLine> lines = new ArrayList<>(spans.size());
        for (Span span : spans) {
            lines.add(line(content, span, endpoint, tenantId, customIds));
        }
        return BatchInput.of(lines);
    }

    private InputLine line(byte[] content, Span span, String endpoint, String tenantId, Set<String> customIds) {
        int n = span.number();
        JsonNode line;
        try {
            line = readSingleValue(content, span);
        } catch (IOException e) {
            return InputLine.rejected(n, salvageCustomId(content, span), "invalid_json",
                    "Line " + n + " is not valid JSON.");
        }
        if (!line.isObject()) {
            return InputLine.rejected(n, null, "invalid_json", "Line " + n + " is not a JSON object.");
        }
        JsonNode id = line.get("custom_id");
        if (id == null || id.isNull()) {
            return InputLine.rejected(n, null, "missing_required_parameter", "Line " + n + " has no 'custom_id'.");
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            return InputLine.rejected(n, null, "invalid_type", "Line " + n + ": 'custom_id' must be a non-empty string.");
        }
        String customId = id.asText();
        // The first line with a custom_id keeps it; a later one would make the results ambiguous.
        if (!customIds.add(customId)) {
            return InputLine.rejected(n, customId, "duplicate_custom_id", "Line " + n + " repeats the custom_id '"
                    + customId + "' of an earlier line; custom_ids must be unique within a batch.");
        }
        if (!"POST".equals(line.path("method").textValue())) {
            return InputLine.rejected(n, customId, "invalid_method", "Line " + n + ": 'method' must be POST.");
        }
        if (!endpoint.equals(line.path("url").textValue())) {
            return InputLine.rejected(n, customId, "invalid_url", "Line " + n + ": 'url' must be the batch's endpoint, "
                    + endpoint + ".");
        }
        JsonNode body = line.get("body");
        if (body == null || !body.isObject()) {
            return InputLine.rejected(n, customId, "missing_required_parameter",
                    "Line " + n + ": 'body' must be a JSON object.");
        }
        // batch work yields to interactive traffic, unless the line asks for another priority
        ((ObjectNode) body).putIfAbsent("priority", TextNode.valueOf(Priority.LOW.wireName()));
        try {
            validator.validate(json.treeToValue(body, JobSubmission.class), tenantId);
        } catch (JsonProcessingException e) {
            return InputLine.rejected(n, customId, "invalid_type", "Line " + n + ": invalid 'body': "
                    + firstLine(e.getOriginalMessage()));
        } catch (ApiException e) {
            String code = e.body().error().code();
            return InputLine.rejected(n, customId, code != null ? code : "invalid_request", e.getMessage());
        }
        return InputLine.accepted(n, customId, body.toString());
    }

    /** Exactly one JSON value, nothing after it. */
    private JsonNode readSingleValue(byte[] content, Span span) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(content, span.start(), span.length())) {
            JsonNode value = json.readTree(parser);
            if (value == null || parser.nextToken() != null) {
                throw new IOException("not a single JSON value");
            }
            return value;
        }
    }

    /** The custom_id of a line that is not valid JSON, if it names one before it breaks off. */
    private String salvageCustomId(byte[] content, Span span) {
        try (JsonParser parser = json.getFactory().createParser(content, span.start(), span.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                JsonToken value = parser.nextToken();
                if ("custom_id".equals(parser.currentName())) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // the line breaks off before it names a custom_id
        }
        return null;
    }

    /** The lines that hold something, without their line ending. */
    private static List<Span> requestLines(byte[] content) {
        List<Span> spans = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start <= content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            number++;
            if (!isBlank(content, start, end)) {
                spans.add(new Span(number, start, end));
            }
            start = end + 1;
        }
        return spans;
    }

    private static boolean isBlank(byte[] content, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = content[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
