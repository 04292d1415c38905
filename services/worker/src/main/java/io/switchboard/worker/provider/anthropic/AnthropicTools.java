package io.switchboard.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's function tools as Anthropic's custom tools ({@code name}, {@code description}, {@code input_schema}),
 * and {@code tool_choice}: {@code auto} and {@code none} keep their names, {@code required} is Anthropic's
 * {@code any}, a named function is {@code {"type": "tool", "name": ...}}.
 */
final class AnthropicTools {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicTools() {
    }

    static ArrayNode tools(JsonNode openAiTools) {
        ArrayNode tools = NODES.arrayNode();
        for (JsonNode tool : openAiTools) {
            JsonNode function = tool.path("function");
            ObjectNode out = tools.addObject().put("name", function.path("name").asText());
            if (function.path("description").isTextual()) {
                out.put("description", function.get("description").asText());
            }
            // Anthropic requires a schema where OpenAI lets a function without parameters leave it out
            out.set("input_schema", function.path("parameters").isObject() ? function.get("parameters")
                    : NODES.objectNode().put("type", "object"));
        }
        return tools;
    }

    static ObjectNode choice(JsonNode toolChoice) {
        if (toolChoice.isTextual()) {
            return NODES.objectNode().put("type", switch (toolChoice.asText()) {
                case "required" -> "any";
                case "none" -> "none";
                default -> "auto";
            });
        }
        return NODES.objectNode().put("type", "tool").put("name", toolChoice.path("function").path("name").asText());
    }
}
