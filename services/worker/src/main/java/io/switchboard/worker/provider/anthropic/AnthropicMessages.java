package io.switchboard.worker.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.worker.provider.DataUrl;
import io.switchboard.worker.provider.ToolArguments;
import io.switchboard.worker.provider.UnsupportedContent;

/**
 * OpenAI turns as Anthropic's {@code messages} (https://docs.anthropic.com/en/api/messages): content parts
 * become content blocks (images and PDFs as {@code base64} or {@code url} sources), an assistant's tool calls
 * become {@code tool_use} blocks, and tool messages become {@code tool_result} blocks of one user turn, which
 * Anthropic wants right after the assistant turn that called the tools.
 */
final class AnthropicMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicMessages() {
    }

    static ArrayNode of(List<ChatMessage> turns) {
        ArrayNode messages = NODES.arrayNode();
        ObjectNode toolResults = null;
        for (ChatMessage message : turns) {
            if ("tool".equals(message.role())) {
                if (toolResults == null) {
                    toolResults = messages.addObject().put("role", "user");
                    toolResults.putArray("content");
                }
                ((ArrayNode) toolResults.get("content")).addObject().put("type", "tool_result")
                        .put("tool_use_id", message.toolCallId()).put("content", message.content() == null ? ""
                                : message.content());
                continue;
            }
            toolResults = null;
            ArrayNode blocks = "assistant".equals(message.role()) ? assistantBlocks(message) : userBlocks(message);
            // Anthropic refuses empty text blocks; an empty turn says nothing anyway
            if (!blocks.isEmpty()) {
                ObjectNode turn = messages.addObject().put("role", "assistant".equals(message.role()) ? "assistant"
                        : "user");
                // plain text stays a string, the shorter form Anthropic documents for it
                turn.set("content", isOneText(blocks) ? blocks.get(0).get("text") : blocks);
            }
        }
        return messages;
    }

    private static ArrayNode assistantBlocks(ChatMessage message) {
        ArrayNode blocks = NODES.arrayNode();
        addText(blocks, message.content());
        if (message.hasToolCalls()) {
            for (JsonNode call : message.toolCalls()) {
                blocks.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                        .put("name", call.path("function").path("name").asText())
                        .set("input", ToolArguments.parse(call.path("function").path("arguments").asText(null)));
            }
        }
        return blocks;
    }

    private static ArrayNode userBlocks(ChatMessage message) {
        ArrayNode blocks = NODES.arrayNode();
        if (message.contentParts() == null) {
            addText(blocks, message.content());
            return blocks;
        }
        for (JsonNode part : message.contentParts()) {
            switch (part.path("type").asText()) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.addObject().put("type", "image")
                        .set("source", source(part.path("image_url").path("url").asText()));
                case "file" -> blocks.addObject().put("type", "document")
                        .set("source", source(part.path("file").path("file_data").asText("")));
                default -> throw new UnsupportedContent("Anthropic models do not take '" + part.path("type").asText()
                        + "' content parts.");
            }
        }
        return blocks;
    }

    /** A data URL as a base64 source; any other URL as a url source, which Anthropic fetches itself. */
    private static ObjectNode source(String url) {
        ObjectNode source = NODES.objectNode();
        DataUrl.parse(url).ifPresentOrElse(
                data -> source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.base64()),
                () -> {
                    if (!url.startsWith("https://") && !url.startsWith("http://")) {
                        throw new UnsupportedContent("Anthropic models take files as data URLs or http(s) URLs only.");
                    }
                    source.put("type", "url").put("url", url);
                });
        return source;
    }

    private static boolean isOneText(ArrayNode blocks) {
        return blocks.size() == 1 && "text".equals(blocks.get(0).path("type").asText());
    }

    private static void addText(ArrayNode blocks, String text) {
        if (text != null && !text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }
}
