package io.switchboard.bench;

import java.time.Duration;

/**
 * When each request of a constant-rate run is meant to leave. Latency is measured from these times, not
 * from when a request actually left, so a stalled system cannot hide its stall by slowing the generator
 * (coordinated omission).
 */
public record RateSchedule(double perSecond, Duration length) {

    public RateSchedule {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + perSecond);
        }
    }

    /** Requests in the run. */
    public long count() {
        return Math.max(1, Math.round(perSecond * length.toNanos() / 1e9));
    }

    /** Nanoseconds after the start at which request {@code i} (from 0) is meant to leave. */
    public long offsetNanos(long i) {
        return Math.round(i * (1e9 / perSecond));
    }
}
