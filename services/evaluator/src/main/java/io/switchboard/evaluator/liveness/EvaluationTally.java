package io.switchboard.evaluator.liveness;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.traffic.Stratum;

/** The latest evaluation seen per stratum since the last flush, kept in memory (scores come thousands a second). */
@ApplicationScoped
public class EvaluationTally {

    /** A stratum's latest evaluation among those seen. */
    public record LatestEvaluation(Stratum stratum, Instant evaluatedAt) {
    }

    private Map<String, LatestEvaluation> latest = new HashMap<>();

    public void seen(EvaluationScored score) {
        seenAgain(new LatestEvaluation(Stratum.of(score), score.evaluatedAt()));
    }

    /** Puts back what a failed flush took, so that the next one writes it. */
    public synchronized void seenAgain(LatestEvaluation seen) {
        latest.merge(seen.stratum().key(), seen, (a, b) -> a.evaluatedAt().isAfter(b.evaluatedAt()) ? a : b);
    }

    /** What was seen since the last call, ordered by stratum (so concurrent upserts lock rows in one order). */
    public synchronized List<LatestEvaluation> drain() {
        Map<String, LatestEvaluation> taken = latest;
        latest = new HashMap<>();
        return taken.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }
}
