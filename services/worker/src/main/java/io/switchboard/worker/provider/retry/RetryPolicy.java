package io.switchboard.worker.provider.retry;

import java.time.Duration;
import java.util.Optional;

import io.switchboard.worker.provider.ProviderOutcome;

/**
 * Whether a failed call is tried again, and after how long: retryable failures while attempts remain, after
 * the provider's {@code Retry-After} (up to a cap) when it gave one, else after the backoff.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final EqualJitterBackoff backoff;

    public RetryPolicy(int maxAttempts, Duration maxRetryAfter, EqualJitterBackoff backoff) {
        this.maxAttempts = maxAttempts;
        this.maxRetryAfter = maxRetryAfter;
        this.backoff = backoff;
    }

    /** The wait before the next attempt, or empty when {@code attempt}'s outcome is final. */
    public Optional<Duration> delayAfter(int attempt, ProviderOutcome outcome) {
        if (!(outcome instanceof ProviderOutcome.Failed failed) || !failed.retryable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (failed.retryAfter() != null) {
            return Optional.of(failed.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : failed.retryAfter());
        }
        return Optional.of(backoff.before(attempt));
    }
}
