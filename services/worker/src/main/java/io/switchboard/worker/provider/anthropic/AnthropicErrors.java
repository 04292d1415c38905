package io.switchboard.worker.provider.anthropic;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;

/**
 * Anthropic's errors, {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}
 * (https://docs.anthropic.com/en/api/errors), as OpenAI-style codes.
 */
final class AnthropicErrors {

    private AnthropicErrors() {
    }

    static ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        JsonNode error = body == null ? null : body.path("error");
        String type = error == null ? null : error.path("type").asText(null);
        String message = error == null ? null : error.path("message").asText(null);
        return ProviderFailures.failed(status, code(type, message), message, retryAfter);
    }

    /** An {@code error} event inside a stream, which arrives after a 200: its type says what the status would have been. */
    static ProviderOutcome.Failed inStream(JsonNode event) {
        int status = switch (event.path("error").path("type").asText("")) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "invalid_request_error" -> 400;
            default -> 500;
        };
        return failure(status, event, null);
    }

    /** Anthropic says what was wrong only in words: a too long prompt, a blocked one, or another fault. */
    private static String invalidRequest(String message) {
        if (message == null) {
            return ProviderFailures.INVALID_REQUEST;
        }
        if (message.startsWith("prompt is too long")) {
            return ProviderFailures.CONTEXT_LENGTH_EXCEEDED;
        }
        return message.contains("content filtering policy") ? ProviderFailures.CONTENT_FILTER
                : ProviderFailures.INVALID_REQUEST;
    }

    private static String code(String type, String message) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "rate_limit_error" -> ProviderFailures.RATE_LIMITED;
            case "invalid_request_error" -> invalidRequest(message);
            case "request_too_large" -> ProviderFailures.INVALID_REQUEST;
            case "authentication_error", "permission_error" -> ProviderFailures.AUTHENTICATION_FAILED;
            case "not_found_error" -> ProviderFailures.MODEL_NOT_FOUND;
            case "timeout_error" -> ProviderFailures.TIMEOUT;
            default -> null; // api_error, overloaded_error, billing_error: the status says it
        };
    }
}
