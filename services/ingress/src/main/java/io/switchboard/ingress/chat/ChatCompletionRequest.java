package io.switchboard.ingress.chat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.ingress.jobs.JobSubmission;

/**
 * The body of {@code POST /v1/chat/completions}, as OpenAI defines it; {@code session_id} is our
 * extension. Fields we do not use yet are accepted and ignored, as OpenAI clients send many.
 */
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        JsonNode responseFormat,
        Map<String, String> metadata,
        String sessionId,
        Boolean stream,
        StreamOptions streamOptions) {

    public record StreamOptions(Boolean includeUsage) {
    }

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean usageInStream() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    public JobSubmission toSubmission() {
        return new JobSubmission(model, messages, maxTokens, maxCompletionTokens, temperature, responseFormat, metadata,
                sessionId, null, null);
    }
}
