package io.switchboard.evaluator.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/**
 * Counts results in memory between flushes: at hundreds of results per second, one database write per result
 * would cost more than the evaluation itself.
 */
@ApplicationScoped
public class TrafficTally {

    private record Key(String stratum, Instant hour) {
    }

    private Map<Key, HourlyCount> counts = new HashMap<>();

    public synchronized void count(JobCompleted result) {
        Stratum stratum = Stratum.of(result);
        HourlyCount one = new HourlyCount(stratum, Hours.of(result.completedAt()), 1, result.completedAt(),
                result.completedAt());
        counts.merge(new Key(stratum.key(), one.hour()), one, HourlyCount::plus);
    }

    /** The counts since the last call, ordered by stratum and hour (so concurrent upserts lock rows in one order). */
    public synchronized List<HourlyCount> drain() {
        Map<Key, HourlyCount> taken = counts;
        counts = new HashMap<>();
        return taken.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.stratum().equals(b.stratum())
                        ? a.hour().compareTo(b.hour()) : a.stratum().compareTo(b.stratum())))
                .map(Map.Entry::getValue)
                .toList();
    }
}
