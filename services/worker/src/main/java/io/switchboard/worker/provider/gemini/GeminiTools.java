package io.switchboard.worker.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's function tools as Gemini's {@code functionDeclarations}, their parameters given as JSON Schema
 * ({@code parametersJsonSchema}, which takes OpenAI's schemas as they are, where {@code parameters} takes an
 * OpenAPI subset), and {@code tool_choice} as {@code toolConfig.functionCallingConfig}: {@code AUTO},
 * {@code ANY} (OpenAI's {@code required}, or one named function), {@code NONE}.
 */
final class GeminiTools {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiTools() {
    }

    static ArrayNode tools(JsonNode openAiTools) {
        ArrayNode tools = NODES.arrayNode();
        ArrayNode declarations = tools.addObject().putArray("functionDeclarations");
        for (JsonNode tool : openAiTools) {
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText());
            if (function.path("description").isTextual()) {
                declaration.put("description", function.get("description").asText());
            }
            if (function.path("parameters").isObject()) {
                declaration.set("parametersJsonSchema", function.get("parameters"));
            }
        }
        return tools;
    }

    static ObjectNode config(JsonNode toolChoice) {
        ObjectNode config = NODES.objectNode();
        ObjectNode calling = config.putObject("functionCallingConfig");
        if (toolChoice.isTextual()) {
            calling.put("mode", switch (toolChoice.asText()) {
                case "required" -> "ANY";
                case "none" -> "NONE";
                default -> "AUTO";
            });
        } else {
            calling.put("mode", "ANY");
            calling.putArray("allowedFunctionNames").add(toolChoice.path("function").path("name").asText());
        }
        return config;
    }
}
