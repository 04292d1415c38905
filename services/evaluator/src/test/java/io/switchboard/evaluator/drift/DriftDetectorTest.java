package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.drift.SyntheticMetric.Bernoulli;
import io.switchboard.evaluator.drift.SyntheticMetric.ClippedNormal;

class DriftDetectorTest {

    static final DriftSettings SETTINGS = DriftSettings.defaults();
    /** Ordinary traffic lasts this long, so that every change below comes after the baseline. */
    static final int ORDINARY = SETTINGS.baselineSize() + 1_000;
    static final MetricDefinition INVALID_JSON = MetricDefinition.failureRate("invalid_json", 0.05);
    static final MetricDefinition JUDGE_SCORE =
            MetricDefinition.continuous("judge_score", WorseDirection.LOWER, MinimumEffect.absolute(0.04));

    @Test
    void aDegradationOpensOneAlarmAndItsRecoveryClearsIt() {
        // Given ordinary traffic at 5 % invalid JSON, 3,000 observations at 15 %, then 5 % again
        DriftDetector detector = new DriftDetector(INVALID_JSON, SETTINGS);
        List<Announced> announced = feed(detector, new SplittableRandom(1),
                new Phase(new Bernoulli(0.05), ORDINARY), new Phase(new Bernoulli(0.15), 3_000),
                new Phase(new Bernoulli(0.05), 5_000));
        long change = ORDINARY + 1;
        long back = change + 3_000;

        // Then exactly one alarm opened after the change and cleared after the recovery
        assertEquals(2, announced.size(), announced.toString());
        Announced opened = announced.get(0);
        DriftResult.Degraded degraded = assertInstanceOf(DriftResult.Degraded.class, opened.result());
        assertTrue(opened.at() >= change && opened.at() < change + 500, "opened at " + opened.at());
        assertEquals(0.05, degraded.baseline(), 0.01);
        // the few observations since the change that first pass the test tend to run high: no tight band
        assertTrue(degraded.current() > 0.10 && degraded.current() < 0.30, degraded.toString());
        assertEquals(degraded.current() - degraded.baseline(), degraded.effect(), 1e-12);
        assertTrue(degraded.effect() >= 0.05, degraded.toString());
        assertTrue(degraded.pValue() <= SETTINGS.confirmation().perTestAlpha(), degraded.toString());
        assertEquals(change, degraded.changeEstimatedAtSample(), 150, degraded.toString());
        assertEquals(opened.at() - degraded.changeEstimatedAtSample() + 1, degraded.samplesSinceChange());

        Announced cleared = announced.get(1);
        DriftResult.Recovered recovered = assertInstanceOf(DriftResult.Recovered.class, cleared.result());
        assertTrue(cleared.at() >= back && cleared.at() < back + 1_500, "cleared at " + cleared.at());
        assertTrue(recovered.effect() < 0.05, recovered.toString());
        assertTrue(recovered.pValue() <= SETTINGS.confirmation().perTestAlpha(), recovered.toString());
        assertEquals(back, recovered.changeEstimatedAtSample(), 300, recovered.toString());
        assertTrue(detector.openAlarm().isEmpty());
    }

    @Test
    void aLowerJudgeScoreOpensOneAlarmThatStaysOpenWhileTheScoreStaysLow() {
        DriftDetector detector = new DriftDetector(JUDGE_SCORE, SETTINGS);
        List<Announced> announced = feed(detector, new SplittableRandom(2),
                new Phase(new ClippedNormal(0.75, 0.12, 0, 1), ORDINARY),
                new Phase(new ClippedNormal(0.67, 0.12, 0, 1), 3_000),
                new Phase(new ClippedNormal(0.60, 0.12, 0, 1), 3_000));
        assertEquals(1, announced.size(), announced.toString());
        DriftResult.Degraded degraded = assertInstanceOf(DriftResult.Degraded.class, announced.get(0).result());
        assertEquals(0.75, degraded.baseline(), 0.01);
        assertEquals(0.67, degraded.current(), 0.03);
        assertTrue(detector.openAlarm().isPresent());
    }

    @Test
    void aContinuousMetricThatDegradesRightAfterTheBaselineIsFrozenIsStillSeen() {
        // ADWIN only sees a continuous metric from the freeze on; without the baseline replayed into it
        // first, a window that starts degraded would hold no change to find
        DriftDetector detector = new DriftDetector(JUDGE_SCORE, SETTINGS);
        List<Announced> announced = feed(detector, new SplittableRandom(8),
                new Phase(new ClippedNormal(0.75, 0.12, 0, 1), SETTINGS.baselineSize()),
                new Phase(new ClippedNormal(0.67, 0.12, 0, 1), 1_000));
        assertEquals(1, announced.size(), announced.toString());
        assertTrue(announced.get(0).at() <= SETTINGS.baselineSize() + 400, announced.toString());
    }

    @Test
    void improvementsNeverRaiseDegraded() {
        DriftDetector failures = new DriftDetector(INVALID_JSON, SETTINGS);
        assertEquals(List.of(), feed(failures, new SplittableRandom(3), new Phase(new Bernoulli(0.10), ORDINARY),
                new Phase(new Bernoulli(0.02), 4_000), new Phase(new Bernoulli(0.0), 4_000)));
        DriftDetector scores = new DriftDetector(JUDGE_SCORE, SETTINGS);
        assertEquals(List.of(), feed(scores, new SplittableRandom(4), new Phase(new ClippedNormal(0.5, 0.12, 0, 1), ORDINARY),
                new Phase(new ClippedNormal(0.7, 0.12, 0, 1), 4_000), new Phase(new ClippedNormal(0.9, 0.05, 0, 1), 4_000)));
    }

    @Test
    void aReturnToTheBaselineAfterAnImprovementIsNoDegradation() {
        DriftDetector detector = new DriftDetector(INVALID_JSON, SETTINGS);
        assertEquals(List.of(), feed(detector, new SplittableRandom(5), new Phase(new Bernoulli(0.10), ORDINARY),
                new Phase(new Bernoulli(0.02), 4_000), new Phase(new Bernoulli(0.10), 4_000)));
    }

    @Test
    void aDegradationBelowTheMinimumEffectStaysQuiet() {
        // +3 points on a metric whose minimum effect is 5: ADWIN may notice, the confirmation must not alarm
        DriftDetector detector = new DriftDetector(INVALID_JSON, SETTINGS);
        assertEquals(List.of(), feed(detector, new SplittableRandom(6), new Phase(new Bernoulli(0.05), ORDINARY),
                new Phase(new Bernoulli(0.08), 20_000)));
    }

    @Test
    void aDegradationInsideTheBaselinePeriodIsAnnouncedOnceTheBaselineIsFrozen() {
        // A reservoir baseline over the first 10,000 observations: nothing can be compared with it before
        // it is frozen, and it then holds both levels; what follows is still materially worse
        DriftSettings reservoir = SETTINGS.withBaseline(2_000, 10_000);
        DriftDetector detector = new DriftDetector(INVALID_JSON, reservoir);
        List<Announced> announced = feed(detector, new SplittableRandom(7), new Phase(new Bernoulli(0.05), 3_000),
                new Phase(new Bernoulli(0.30), 12_000));
        assertEquals(1, announced.size(), announced.toString());
        assertTrue(announced.get(0).at() > 10_000, announced.toString());
        DriftResult.Degraded degraded = (DriftResult.Degraded) announced.get(0).result();
        // the reservoir holds both levels in proportion: 3/10 at 5 %, 7/10 at 30 %
        assertEquals(0.225, degraded.baseline(), 0.03);
    }

    @Test
    void observationsAMetricCannotTakeAreRefused() {
        DriftDetector rate = new DriftDetector(INVALID_JSON, SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> rate.observe(0.5));
        DriftDetector score = new DriftDetector(JUDGE_SCORE, SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> score.observe(Double.NaN));
        assertInstanceOf(DriftResult.Steady.class, score.observe(0.7));
    }

    record Phase(SyntheticMetric metric, int observations) {
    }

    /** @param at the 1-based observation that announced it */
    record Announced(long at, DriftResult result) {
    }

    static List<Announced> feed(DriftDetector detector, SplittableRandom random, Phase... phases) {
        List<Announced> announced = new ArrayList<>();
        long at = 0;
        for (Phase phase : phases) {
            for (int i = 0; i < phase.observations(); i++) {
                DriftResult result = detector.observe(phase.metric().next(random));
                at++;
                if (!(result instanceof DriftResult.Steady)) {
                    announced.add(new Announced(at, result));
                }
            }
        }
        return announced;
    }
}
