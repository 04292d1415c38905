package io.switchboard.evaluator.drift;

import java.util.List;

import io.switchboard.evaluator.drift.SyntheticMetric.Bernoulli;
import io.switchboard.evaluator.drift.SyntheticMetric.ClippedNormal;
import io.switchboard.evaluator.drift.SyntheticMetric.LogNormal;

/**
 * The injected changes of issue 7's target table ("the quality watch"), as scenarios for
 * {@link DetectionDelayTable}. Every change comes after {@link #CHANGE_AT} observations, the whole
 * baseline period at the default settings, plus the table's jitter of up to 255: the change arrives
 * soon after the baseline is frozen, when ADWIN has seen the least ordinary traffic it ever has (a
 * live detector has usually seen far more: its window grows for as long as nothing changes).
 *
 * <p>The minimum effects here are the ones the targets were measured with, about half of each injected
 * change: large enough that noise and trivial shifts stay quiet, small enough that the table's changes
 * are material. The evaluator's configuration owns the real ones.
 */
public final class QualityWatchScenarios {

    public static final int CHANGE_AT = 5_000;

    public static final MetricDefinition INVALID_JSON = MetricDefinition.failureRate("invalid_json", 0.05);
    public static final MetricDefinition JUDGE_FAILURE = MetricDefinition.failureRate("judge_failure", 0.05);
    public static final MetricDefinition REFUSAL = MetricDefinition.failureRate("refusal", 0.015);
    public static final MetricDefinition JUDGE_SCORE =
            MetricDefinition.continuous("judge_score", WorseDirection.LOWER, MinimumEffect.absolute(0.04));
    public static final MetricDefinition ANSWER_LENGTH =
            MetricDefinition.continuous("answer_length", WorseDirection.LOWER, MinimumEffect.relative(0.2));

    /** Judge scores in [0, 1] around 0.75, σ 0.12. */
    static final ClippedNormal USUAL_SCORE = new ClippedNormal(0.75, 0.12, 0.0, 1.0);
    /** Answer lengths in characters: median 600, a log-normal spread of 0.6. */
    static final LogNormal USUAL_LENGTH = new LogNormal(600, 0.6);

    private QualityWatchScenarios() {
    }

    /** The degradations of the target table, each observed for {@code observedAfterChange} observations. */
    public static List<DriftScenario> degradations(int observedAfterChange) {
        return List.of(
                DriftScenario.degradation("invalid JSON 5% → 15%", INVALID_JSON, new Bernoulli(0.05),
                        new Bernoulli(0.15), CHANGE_AT, observedAfterChange),
                DriftScenario.degradation("judge failures 10% → 20%", JUDGE_FAILURE, new Bernoulli(0.10),
                        new Bernoulli(0.20), CHANGE_AT, observedAfterChange),
                DriftScenario.degradation("refusals 2% → 5%", REFUSAL, new Bernoulli(0.02), new Bernoulli(0.05),
                        CHANGE_AT, observedAfterChange),
                DriftScenario.degradation("mean judge score −0.08 (σ 0.12)", JUDGE_SCORE, USUAL_SCORE,
                        new ClippedNormal(0.67, 0.12, 0.0, 1.0), CHANGE_AT, observedAfterChange),
                DriftScenario.degradation("answer length −50%", ANSWER_LENGTH, USUAL_LENGTH,
                        new LogNormal(300, 0.6), CHANGE_AT, observedAfterChange));
    }

    /** Improvements of each kind of metric, which must never alarm. */
    public static List<DriftScenario> improvements(int observedAfterChange) {
        return List.of(
                DriftScenario.harmless("improvement: invalid JSON 5% → 2%", INVALID_JSON, new Bernoulli(0.05),
                        new Bernoulli(0.02), CHANGE_AT, observedAfterChange),
                DriftScenario.harmless("improvement: mean judge score +0.08", JUDGE_SCORE, USUAL_SCORE,
                        new ClippedNormal(0.83, 0.12, 0.0, 1.0), CHANGE_AT, observedAfterChange),
                DriftScenario.harmless("improvement: answer length +50%", ANSWER_LENGTH, USUAL_LENGTH,
                        new LogNormal(900, 0.6), CHANGE_AT, observedAfterChange));
    }

    /** Each metric with no change at all, for {@code length} observations. */
    public static List<DriftScenario> stable(int length) {
        return List.of(
                DriftScenario.harmless("stable: invalid JSON 5%", INVALID_JSON, new Bernoulli(0.05),
                        new Bernoulli(0.05), length, 0),
                DriftScenario.harmless("stable: judge failures 10%", JUDGE_FAILURE, new Bernoulli(0.10),
                        new Bernoulli(0.10), length, 0),
                DriftScenario.harmless("stable: refusals 2%", REFUSAL, new Bernoulli(0.02), new Bernoulli(0.02),
                        length, 0),
                DriftScenario.harmless("stable: judge score", JUDGE_SCORE, USUAL_SCORE, USUAL_SCORE, length, 0),
                DriftScenario.harmless("stable: answer length", ANSWER_LENGTH, USUAL_LENGTH, USUAL_LENGTH, length, 0));
    }
}
