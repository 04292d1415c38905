package io.switchboard.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic's API has no {@code response_format}: a request for JSON becomes an instruction at the end of
 * the system prompt, naming the schema when one was given.
 */
final class JsonInstruction {

    private JsonInstruction() {
    }

    static String appendTo(String system, JsonNode responseFormat) {
        String type = responseFormat == null ? null : responseFormat.path("type").asText(null);
        String instruction;
        if ("json_object".equals(type)) {
            instruction = "Respond with a single JSON object and nothing else.";
        } else if ("json_schema".equals(type)) {
            instruction = "Respond with a single JSON object and nothing else, valid against this JSON Schema: "
                    + responseFormat.path("json_schema").path("schema");
        } else {
            return system;
        }
        return system == null ? instruction : system + "\n\n" + instruction;
    }
}
