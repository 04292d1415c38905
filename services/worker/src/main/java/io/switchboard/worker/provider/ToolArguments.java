package io.switchboard.worker.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI carries a tool call's arguments as a JSON string; Anthropic and Gemini want the object. Models do
 * write arguments that are not JSON now and then: those travel as {@code {"arguments": "<as written>"}} so the
 * conversation can go on and the model can see what it wrote.
 */
public final class ToolArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolArguments() {
    }

    public static ObjectNode parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return (ObjectNode) parsed;
            }
        } catch (JsonProcessingException e) {
            // kept as written below
        }
        return JSON.createObjectNode().put("arguments", arguments);
    }

    /** A tool's answer as an object: its JSON when it wrote a JSON object, else {@code {"content": text}}. */
    public static ObjectNode result(String content) {
        ObjectNode parsed = parse(content);
        return parsed.has("arguments") && parsed.size() == 1 ? JSON.createObjectNode().put("content", content) : parsed;
    }
}
