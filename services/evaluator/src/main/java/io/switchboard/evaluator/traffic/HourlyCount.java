package io.switchboard.evaluator.traffic;

import java.time.Instant;

/**
 * Succeeded results of one stratum completed within one hour (UTC, by {@code completed_at}), as counted since
 * the last flush, with the earliest and latest completion among them.
 */
public record HourlyCount(Stratum stratum, Instant hour, long results, Instant firstCompletedAt,
        Instant lastCompletedAt) {

    /** Both counts together, with the hour of this one (for those who merge hours, as the liveness watch does). */
    public HourlyCount plus(HourlyCount other) {
        return new HourlyCount(stratum, hour, results + other.results,
                firstCompletedAt.isBefore(other.firstCompletedAt) ? firstCompletedAt : other.firstCompletedAt,
                lastCompletedAt.isAfter(other.lastCompletedAt) ? lastCompletedAt : other.lastCompletedAt);
    }
}
