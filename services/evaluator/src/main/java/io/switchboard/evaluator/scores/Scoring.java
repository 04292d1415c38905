package io.switchboard.evaluator.scores;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.checks.QualityCheck;
import io.switchboard.evaluator.checks.Verdict;

/** Runs every check that applies to a result and turns each verdict into its score event, with the check's version. */
@ApplicationScoped
public class Scoring {

    private final List<QualityCheck> checks;

    /** Public for the benchmark, which scores results in-process with the same checks, outside CDI. */
    public Scoring(@All List<QualityCheck> checks) {
        this.checks = checks.stream().sorted(Comparator.comparing(QualityCheck::name)).toList();
    }

    public List<EvaluationScored> score(JobCompleted result, Instant at) {
        return checks.stream()
                .filter(check -> check.applies(result))
                .map(check -> {
                    Verdict verdict = check.evaluate(result);
                    // deterministic checks score every result: probability 1
                    EvaluationScored scored = EvaluationScored.of(result, check.name(), verdict.passed(),
                            verdict.score(), verdict.detail(), at).scoredBy(check.version(), 1.0);
                    return verdict.value() == null ? scored : scored.measuring(verdict.value());
                })
                .toList();
    }
}
