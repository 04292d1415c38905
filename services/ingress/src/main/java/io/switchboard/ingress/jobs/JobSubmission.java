package io.switchboard.ingress.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.ChatRequest;

/**
 * The body of {@code POST /v1/jobs}: an OpenAI chat-completions request plus {@code session_id} and
 * {@code callback_url} (where the finished job is POSTed) and {@code priority} ({@code low}, {@code normal},
 * {@code high}).
 * Fields we do not use yet are accepted and ignored, as OpenAI clients send many.
 */
public record JobSubmission(
        String model,
        List<SubmittedMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        JsonNode responseFormat,
        Map<String, String> metadata,
        String sessionId,
        String callbackUrl,
        String priority,
        Double topP,
        JsonNode stop,
        JsonNode tools,
        JsonNode toolChoice) {

    /** {@code max_completion_tokens} is the newer name of {@code max_tokens}; either may be sent. */
    public Integer effectiveMaxTokens() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    public ChatRequest toChatRequest() {
        return new ChatRequest(model, SubmittedMessage.toEvents(messages), effectiveMaxTokens(), temperature,
                responseFormat, metadata).withSampling(topP, stopSequences(), tools, toolChoice);
    }

    /** OpenAI's {@code stop} may be one string or a list of them; the pipeline always carries a list. */
    public List<String> stopSequences() {
        if (stop == null || stop.isNull()) {
            return null;
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        List<String> sequences = new ArrayList<>();
        stop.forEach(sequence -> sequences.add(sequence.asText()));
        return sequences;
    }
}
