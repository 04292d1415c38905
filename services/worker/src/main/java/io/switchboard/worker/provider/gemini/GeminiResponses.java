package io.switchboard.worker.provider.gemini;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiShapes;
import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;

/** A {@code GenerateContentResponse}, or one piece of a streamed one, read as OpenAI's shapes. */
final class GeminiResponses {

    private GeminiResponses() {
    }

    static ProviderOutcome toCompletion(JsonNode body) {
        if (body == null || !body.isObject()) {
            return ProviderFailures.invalidResponse(200);
        }
        ProviderOutcome.Failed blocked = blockedPrompt(body);
        if (blocked != null) {
            return blocked;
        }
        JsonNode candidate = body.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            return ProviderFailures.invalidResponse(200);
        }
        ArrayNode toolCalls = toolCalls(candidate);
        String text = text(candidate);
        ObjectNode message = OpenAiShapes.assistantMessage(text.isEmpty() && !toolCalls.isEmpty() ? null : text,
                toolCalls);
        return new ProviderOutcome.Completed(OpenAiShapes.completion(id(body), Instant.now().getEpochSecond(),
                body.path("modelVersion").asText(), message,
                finishReason(candidate.path("finishReason").asText("STOP"), !toolCalls.isEmpty()),
                usage(body.path("usageMetadata"))));
    }

    /** Gemini answers 200 with no candidates when it blocks the prompt itself; OpenAI's word for it is content_filter. */
    static ProviderOutcome.Failed blockedPrompt(JsonNode body) {
        String reason = body.path("promptFeedback").path("blockReason").asText(null);
        if (reason == null || body.path("candidates").size() > 0) {
            return null;
        }
        return new ProviderOutcome.Failed(ProviderFailures.CONTENT_FILTER,
                "The provider's content filter blocked the prompt (" + reason + ").", 200, false, null);
    }

    static String id(JsonNode body) {
        return body.path("responseId").asText("gemini-" + UUID.randomUUID());
    }

    /** The answer's text: thought summaries are not part of it. */
    static String text(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static ArrayNode toolCalls(JsonNode candidate) {
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                calls.add(OpenAiShapes.toolCall(callId(call, calls.size()), call.path("name").asText(),
                        arguments(call)));
            }
        }
        return calls;
    }

    /** Gemini's calls have no id unless it gives one; OpenAI's clients need one to answer the call. */
    static String callId(JsonNode functionCall, int index) {
        return functionCall.path("id").asText("call_" + index);
    }

    /** The call's {@code args} as OpenAI's arguments string; a call without any has an empty object. */
    static String arguments(JsonNode functionCall) {
        JsonNode args = functionCall.path("args");
        return args.isObject() ? args.toString() : "{}";
    }

    static String finishReason(String reason, boolean calledTools) {
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop"; // STOP, OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL...
        };
    }

    /** Gemini's usage as OpenAI's {@code usage} (see {@link GeminiUsage}). */
    static ObjectNode usage(JsonNode metadata) {
        return GeminiUsage.of(metadata).toOpenAi();
    }
}
