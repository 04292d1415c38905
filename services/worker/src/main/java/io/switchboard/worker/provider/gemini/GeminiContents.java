package io.switchboard.worker.provider.gemini;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.worker.provider.DataUrl;
import io.switchboard.worker.provider.ToolArguments;
import io.switchboard.worker.provider.UnsupportedContent;

/**
 * OpenAI turns as Gemini's {@code contents} (https://ai.google.dev/api/caching#Content): roles {@code user}
 * and {@code model}; text parts, inline data for images, audio and files sent as data URLs, {@code fileData}
 * for other URLs; an assistant's tool calls as {@code functionCall} parts, and tool messages as one user turn
 * of {@code functionResponse} parts. Gemini names a response by its function, not by a call id, so the
 * name is looked up from the call it answers.
 */
final class GeminiContents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiContents() {
    }

    static ArrayNode of(List<ChatMessage> turns) {
        ArrayNode contents = NODES.arrayNode();
        Map<String, String> functionByCallId = new HashMap<>();
        ArrayNode responses = null;
        for (ChatMessage message : turns) {
            if ("tool".equals(message.role())) {
                if (responses == null) {
                    responses = contents.addObject().put("role", "user").putArray("parts");
                }
                String name = functionByCallId.getOrDefault(message.toolCallId(), message.toolCallId());
                responses.addObject().putObject("functionResponse").put("name", name)
                        .set("response", ToolArguments.result(message.content()));
                continue;
            }
            responses = null;
            boolean assistant = "assistant".equals(message.role());
            ArrayNode parts = assistant ? modelParts(message, functionByCallId) : userParts(message);
            if (!parts.isEmpty()) {
                contents.addObject().put("role", assistant ? "model" : "user").set("parts", parts);
            }
        }
        return contents;
    }

    private static ArrayNode modelParts(ChatMessage message, Map<String, String> functionByCallId) {
        ArrayNode parts = NODES.arrayNode();
        addText(parts, message.content());
        if (message.hasToolCalls()) {
            for (JsonNode call : message.toolCalls()) {
                String name = call.path("function").path("name").asText();
                functionByCallId.put(call.path("id").asText(), name);
                parts.addObject().putObject("functionCall").put("name", name)
                        .set("args", ToolArguments.parse(call.path("function").path("arguments").asText(null)));
            }
        }
        return parts;
    }

    private static ArrayNode userParts(ChatMessage message) {
        ArrayNode parts = NODES.arrayNode();
        if (message.contentParts() == null) {
            addText(parts, message.content());
            return parts;
        }
        for (JsonNode part : message.contentParts()) {
            switch (part.path("type").asText()) {
                case "text" -> addText(parts, part.path("text").asText());
                case "image_url" -> parts.add(media(part.path("image_url").path("url").asText()));
                case "file" -> parts.add(media(part.path("file").path("file_data").asText("")));
                case "input_audio" -> parts.addObject().putObject("inlineData")
                        .put("mimeType", "audio/" + part.path("input_audio").path("format").asText())
                        .put("data", part.path("input_audio").path("data").asText());
                default -> throw new UnsupportedContent("Gemini models do not take '" + part.path("type").asText()
                        + "' content parts.");
            }
        }
        return parts;
    }

    private static ObjectNode media(String url) {
        ObjectNode part = NODES.objectNode();
        DataUrl.parse(url).ifPresentOrElse(
                data -> part.putObject("inlineData").put("mimeType", data.mediaType()).put("data", data.base64()),
                () -> {
                    if (url.isEmpty()) {
                        throw new UnsupportedContent("A file part needs its file_data as a data URL for Gemini models.");
                    }
                    part.putObject("fileData").put("fileUri", url);
                });
        return part;
    }

    private static void addText(ArrayNode parts, String text) {
        if (text != null && !text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }
}
