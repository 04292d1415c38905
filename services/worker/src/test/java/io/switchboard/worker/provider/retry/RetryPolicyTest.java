package io.switchboard.worker.provider.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.switchboard.worker.provider.ProviderOutcome;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(30),
            new EqualJitterBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(3)));

    @Test
    void aRateLimitedCallIsRetriedAfterTheProvidersRetryAfter() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.delayAfter(1, failed(429, true, Duration.ofSeconds(7))));
    }

    @Test
    void aRetryAfterLongerThanTheCapWaitsTheCap() {
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                policy.delayAfter(2, failed(429, true, Duration.ofMinutes(10))));
    }

    @Test
    void withoutRetryAfterTheBackoffDecides() {
        Duration wait = policy.delayAfter(2, failed(503, true, null)).orElseThrow();
        assertTrue(wait.toMillis() >= 500 && wait.toMillis() <= 1_000, wait.toString());
    }

    @Test
    void finalFailuresSuccessesAndTheLastAttemptAreNotRetried() {
        assertTrue(policy.delayAfter(1, failed(400, false, null)).isEmpty());
        assertTrue(policy.delayAfter(4, failed(503, true, null)).isEmpty());
        assertTrue(policy.delayAfter(1, new ProviderOutcome.Completed(null)).isEmpty());
    }

    private static ProviderOutcome.Failed failed(int status, boolean retryable, Duration retryAfter) {
        return new ProviderOutcome.Failed("code", "message", status, retryable, retryAfter);
    }
}
