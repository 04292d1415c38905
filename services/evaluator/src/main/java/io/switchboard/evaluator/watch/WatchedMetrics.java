package io.switchboard.evaluator.watch;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.drift.MetricDefinition;
import io.switchboard.evaluator.drift.MetricKind;
import io.switchboard.evaluator.drift.MinimumEffect;
import io.switchboard.evaluator.drift.WorseDirection;

/**
 * Which checks the drift watch follows, which way each gets worse, and the least change worth an alarm. A
 * pass/fail check is watched as its failure rate; a measuring check as its measured value.
 */
public final class WatchedMetrics {

    private static final Map<String, MetricDefinition> BY_CHECK = Map.of(
            "non_empty_output", MetricDefinition.failureRate("non_empty_output", 0.02),
            "within_length_limit", MetricDefinition.failureRate("within_length_limit", 0.02),
            "finish_reason", MetricDefinition.failureRate("finish_reason", 0.02),
            "valid_json", MetricDefinition.failureRate("valid_json", 0.05),
            "no_refusal", MetricDefinition.failureRate("no_refusal", 0.015),
            "answer_length", MetricDefinition.continuous("answer_length", WorseDirection.LOWER,
                    MinimumEffect.relative(0.2)),
            "latency", MetricDefinition.continuous("latency", WorseDirection.HIGHER, MinimumEffect.relative(0.5)));

    private WatchedMetrics() {
    }

    public static Optional<MetricDefinition> of(String check) {
        return Optional.ofNullable(BY_CHECK.get(check));
    }

    /** How many metrics one stratum is tested on: the family size of the multiple-testing correction. */
    public static int count() {
        return BY_CHECK.size();
    }

    /** 1 for a failed check, 0 for a passed one; the measured value for a measuring check (none if missing). */
    public static OptionalDouble observation(MetricDefinition metric, EvaluationScored score) {
        if (metric.kind() == MetricKind.RATE) {
            return OptionalDouble.of(score.passed() ? 0.0 : 1.0);
        }
        return score.value() == null || !Double.isFinite(score.value()) ? OptionalDouble.empty()
                : OptionalDouble.of(score.value());
    }

    /** Whether the observation counts against quality, to pick example jobs for an alarm. */
    public static boolean isBad(MetricDefinition metric, EvaluationScored score) {
        return metric.kind() == MetricKind.RATE ? !score.passed() : true;
    }
}
