package io.switchboard.ingress.jobs;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.ChatMessage;

/**
 * One message as an OpenAI client sends it: {@code content} is a string, an array of content parts, or null
 * (an assistant message that only calls tools). Becomes the event's {@link ChatMessage}, which keeps the text
 * apart from the parts.
 */
public record SubmittedMessage(String role, JsonNode content, String name, JsonNode toolCalls, String toolCallId) {

    public ChatMessage toEvent() {
        if (content != null && content.isArray()) {
            return new ChatMessage(role, textOf(content), name, content, toolCalls, toolCallId);
        }
        String text = content == null || content.isNull() ? null : content.asText();
        return new ChatMessage(role, text, name, null, toolCalls, toolCallId);
    }

    public static List<ChatMessage> toEvents(List<SubmittedMessage> messages) {
        return messages.stream().map(SubmittedMessage::toEvent).toList();
    }

    /** The text parts, joined by newlines; null when there are none (an image alone, say). */
    private static String textOf(JsonNode parts) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                texts.add(part.get("text").asText());
            }
        }
        return texts.isEmpty() ? null : String.join("\n", texts);
    }
}
