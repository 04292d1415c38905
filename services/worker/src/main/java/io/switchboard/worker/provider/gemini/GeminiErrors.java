package io.switchboard.worker.provider.gemini;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;

/**
 * Google's errors, {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}}
 * (https://ai.google.dev/gemini-api/docs/troubleshooting), as OpenAI-style codes. Google says how long to
 * wait in a {@code google.rpc.RetryInfo} detail rather than in {@code Retry-After}.
 */
final class GeminiErrors {

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {
    }

    static ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        JsonNode error = body == null ? MissingNode.getInstance() : body.path("error");
        String message = error.path("message").asText(null);
        return ProviderFailures.failed(status, code(error, message), message,
                retryAfter != null ? retryAfter : retryDelay(error));
    }

    /** An error sent inside a stream carries its HTTP status as {@code code}. */
    static ProviderOutcome.Failed inStream(JsonNode event) {
        return failure(event.path("error").path("code").asInt(500), event, null);
    }

    private static String code(JsonNode error, String message) {
        return switch (error.path("status").asText("")) {
            case "RESOURCE_EXHAUSTED" -> ProviderFailures.RATE_LIMITED;
            case "INVALID_ARGUMENT" -> {
                if (hasReason(error, "API_KEY_INVALID")) {
                    yield ProviderFailures.AUTHENTICATION_FAILED;
                }
                yield message != null && message.contains("exceeds the maximum number of tokens")
                        ? ProviderFailures.CONTEXT_LENGTH_EXCEEDED : ProviderFailures.INVALID_REQUEST;
            }
            case "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ProviderFailures.INVALID_REQUEST;
            case "NOT_FOUND" -> ProviderFailures.MODEL_NOT_FOUND;
            case "PERMISSION_DENIED", "UNAUTHENTICATED" -> ProviderFailures.AUTHENTICATION_FAILED;
            case "DEADLINE_EXCEEDED" -> ProviderFailures.TIMEOUT;
            default -> null;
        };
    }

    private static boolean hasReason(JsonNode error, String reason) {
        for (JsonNode detail : error.path("details")) {
            if (reason.equals(detail.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code "retryDelay": "17s"} or {@code "1.5s"}, rounded up to whole seconds. */
    private static Duration retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            String delay = detail.path("retryDelay").asText("");
            if (RETRY_INFO.equals(detail.path("@type").asText()) && delay.endsWith("s")) {
                try {
                    return Duration.ofSeconds(new BigDecimal(delay.substring(0, delay.length() - 1))
                            .setScale(0, RoundingMode.CEILING).longValueExact());
                } catch (ArithmeticException | NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
