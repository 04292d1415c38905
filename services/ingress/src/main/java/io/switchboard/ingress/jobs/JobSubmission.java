package io.switchboard.ingress.jobs;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;

/**
 * The body of {@code POST /v1/jobs}: an OpenAI chat-completions request plus {@code session_id} and
 * {@code callback_url} (where the finished job is POSTed) and {@code priority} ({@code low}, {@code normal},
 * {@code high}).
 * Fields we do not use yet are accepted and ignored, as OpenAI clients send many.
 */
public record JobSubmission(
        String model,
        List<ChatMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        JsonNode responseFormat,
        Map<String, String> metadata,
        String sessionId,
        String callbackUrl,
        String priority) {

    /** {@code max_completion_tokens} is the newer name of {@code max_tokens}; either may be sent. */
    public Integer effectiveMaxTokens() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    public ChatRequest toChatRequest() {
        return new ChatRequest(model, messages, effectiveMaxTokens(), temperature, responseFormat, metadata);
    }
}
