package io.switchboard.worker.provider.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with equal jitter: the n-th retry waits half of {@code base * 2^(n-1)} (capped) plus a
 * random part of up to the other half. Retries of jobs that failed together spread out instead of hitting
 * the provider again in step, yet none comes back sooner than half its backoff.
 */
public final class EqualJitterBackoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public EqualJitterBackoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration before(int retry) {
        long exponential = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long half = exponential / 2;
        return Duration.ofMillis(half + random.nextLong(exponential - half + 1));
    }
}
