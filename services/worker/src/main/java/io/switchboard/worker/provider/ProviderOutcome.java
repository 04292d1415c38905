package io.switchboard.worker.provider;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/** What one call to a provider came to. */
public sealed interface ProviderOutcome {

    /** The provider answered with a chat.completion. */
    record Completed(JsonNode completion) implements ProviderOutcome {
    }

    /**
     * The call failed. {@code retryable} failures (429, 5xx, timeouts, lost connections) are worth
     * another attempt; others (400, 401, 404...) would fail the same way again.
     */
    record Failed(String code, String message, int httpStatus, boolean retryable, Duration retryAfter)
            implements ProviderOutcome {
    }
}
