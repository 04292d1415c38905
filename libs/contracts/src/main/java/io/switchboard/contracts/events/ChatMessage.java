package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One message of an OpenAI chat conversation.
 *
 * <p>{@code content} is always the message's text, so readers of the v1 events that know only text keep
 * working; when the tenant sent OpenAI content parts (text with images, audio or files), they travel as they
 * came in {@code contentParts}, and {@code content} holds their text parts joined by newlines.
 *
 * @param role         system, developer, user, assistant or tool
 * @param content      the text; null for an assistant message that only calls tools
 * @param name         OpenAI's optional participant name
 * @param contentParts OpenAI's content parts as sent, or null when the content was plain text
 * @param toolCalls    an assistant message's OpenAI {@code tool_calls} as sent, or null
 * @param toolCallId   a tool message's answer to which call
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(String role, String content, String name, JsonNode contentParts, JsonNode toolCalls,
        String toolCallId) {

    public ChatMessage {
        EventContract.required(role, "role");
        contentParts = absentIfNull(contentParts);
        toolCalls = absentIfNull(toolCalls);
    }

    public ChatMessage(String role, String content, String name) {
        this(role, content, name, null, null, null);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }

    /** The content as OpenAI's API carries it: the parts when there are any, else the text (or null). */
    public JsonNode openAiContent() {
        if (contentParts != null) {
            return contentParts;
        }
        return content == null ? null : TextNode.valueOf(content);
    }

    public boolean hasToolCalls() {
        return toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
