package io.switchboard.evaluator.watch;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.drift.MetricDefinition;
import io.switchboard.evaluator.drift.MetricKind;
import io.switchboard.evaluator.drift.MinimumEffect;
import io.switchboard.evaluator.drift.WorseDirection;
import io.switchboard.evaluator.judge.JudgeChecks;

/**
 * Which checks the drift watch follows, which way each gets worse, and the least change worth an alarm. A
 * pass/fail check is watched as its failure rate; a measuring check as its measured value; a judge's verdicts
 * ({@code judge.<criterion>}) both as the share failing the rubric's pass mark and as the mean score, on the
 * rubric's scale taken as 0 to 1.
 */
public final class WatchedMetrics {

    private static final Map<String, MetricDefinition> BY_CHECK = Map.of(
            "non_empty_output", MetricDefinition.failureRate("non_empty_output", 0.02),
            "within_length_limit", MetricDefinition.failureRate("within_length_limit", 0.02),
            "finish_reason", MetricDefinition.failureRate("finish_reason", 0.02),
            "valid_json", MetricDefinition.failureRate("valid_json", 0.05),
            "json_schema", MetricDefinition.failureRate("json_schema", 0.05),
            "no_refusal", MetricDefinition.failureRate("no_refusal", 0.015),
            "answer_length", MetricDefinition.continuous("answer_length", WorseDirection.LOWER,
                    MinimumEffect.relative(0.2)),
            "latency", MetricDefinition.continuous("latency", WorseDirection.HIGHER, MinimumEffect.relative(0.5)));

    /** A judge's failure rate: an alarm needs at least 5 more points of answers failing the rubric. */
    static final double JUDGE_FAILURE_INCREASE = 0.05;
    /** A judge's mean score (0 to 1): an alarm needs it at least 0.04 lower, a third of a typical answer's spread. */
    static final double JUDGE_SCORE_DECREASE = 0.04;
    static final String SCORE_SUFFIX = ".score";

    private WatchedMetrics() {
    }

    /** The metrics a check's scores feed: none for a check not watched. */
    public static List<MetricDefinition> of(String check) {
        if (JudgeChecks.isJudge(check)) {
            return List.of(MetricDefinition.failureRate(check, JUDGE_FAILURE_INCREASE),
                    MetricDefinition.continuous(check + SCORE_SUFFIX, WorseDirection.LOWER,
                            MinimumEffect.absolute(JUDGE_SCORE_DECREASE)));
        }
        MetricDefinition metric = BY_CHECK.get(check);
        return metric == null ? List.of() : List.of(metric);
    }

    /** The deterministic checks' metrics, and two per judge criterion: the family of the multiple-testing correction. */
    public static int count(int judgeCriteria) {
        return BY_CHECK.size() + 2 * judgeCriteria;
    }

    /**
     * 1 for a failed check, 0 for a passed one; the measured value for a measuring check, the score (0 to 1) for a
     * judge's mean score (none if missing).
     */
    public static OptionalDouble observation(MetricDefinition metric, EvaluationScored score) {
        if (metric.kind() == MetricKind.RATE) {
            return OptionalDouble.of(score.passed() ? 0.0 : 1.0);
        }
        if (JudgeChecks.isJudge(score.check())) {
            return Double.isFinite(score.score()) ? OptionalDouble.of(score.score()) : OptionalDouble.empty();
        }
        return score.value() == null || !Double.isFinite(score.value()) ? OptionalDouble.empty()
                : OptionalDouble.of(score.value());
    }

    /** Whether the observation counts against quality, to pick example jobs for an alarm. */
    public static boolean isBad(MetricDefinition metric, EvaluationScored score) {
        return metric.kind() == MetricKind.RATE ? !score.passed() : true;
    }
}
