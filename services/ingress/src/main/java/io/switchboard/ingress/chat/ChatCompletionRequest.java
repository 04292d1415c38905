package io.switchboard.ingress.chat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.ingress.jobs.SubmittedMessage;

/**
 * The body of {@code POST /v1/chat/completions}, as OpenAI defines it; {@code session_id} is our
 * extension. Fields we do not use yet are accepted and ignored, as OpenAI clients send many.
 */
public record ChatCompletionRequest(
        String model,
        List<SubmittedMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        JsonNode responseFormat,
        Map<String, String> metadata,
        String sessionId,
        Boolean stream,
        StreamOptions streamOptions,
        Double topP,
        JsonNode stop,
        JsonNode tools,
        JsonNode toolChoice) {

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
                sessionId, null, null, topP, stop, tools, toolChoice);
    }
}
