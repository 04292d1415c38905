package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link ChangeConfirmation}: direction, minimum effect and the correction for several metrics. */
class DriftConfirmationTest {

    static final MetricDefinition INVALID_JSON = MetricDefinition.failureRate("invalid_json", 0.05);
    static final MetricDefinition JUDGE_SCORE =
            MetricDefinition.continuous("judge_score", WorseDirection.LOWER, MinimumEffect.absolute(0.04));
    static final MetricDefinition ANSWER_LENGTH =
            MetricDefinition.continuous("answer_length", WorseDirection.LOWER, MinimumEffect.relative(0.2));
    static final ChangeConfirmation CONFIRMATION = new ChangeConfirmation(0.01, 6);

    @Test
    void higherFailureRateIsAConfirmedDegradation() {
        Comparison comparison = CONFIRMATION.worse(INVALID_JSON, events(100, 2_000), events(30, 200));
        assertEquals(0.05, comparison.reference(), 1e-12);
        assertEquals(0.15, comparison.current(), 1e-12);
        assertEquals(0.10, comparison.worsening(), 1e-12);
        assertTrue(comparison.pValue() < 1e-5, comparison.toString());
        assertTrue(CONFIRMATION.degraded(INVALID_JSON, comparison));
    }

    @Test
    void lowerFailureRateIsNoDegradation() {
        Comparison comparison = CONFIRMATION.worse(INVALID_JSON, events(100, 2_000), events(2, 200));
        assertTrue(comparison.worsening() < 0);
        assertTrue(comparison.pValue() > 0.9, comparison.toString());
        assertFalse(CONFIRMATION.degraded(INVALID_JSON, comparison));
    }

    @Test
    void aHugeSampleDoesNotMakeATrivialChangeAnAlarm() {
        // 5.0 % → 5.5 % over 100,000 each: overwhelmingly significant, and far below the 5-point minimum
        Comparison comparison = CONFIRMATION.worse(INVALID_JSON, events(5_000, 100_000), events(5_500, 100_000));
        assertTrue(CONFIRMATION.significant(comparison), comparison.toString());
        assertFalse(CONFIRMATION.degraded(INVALID_JSON, comparison));
    }

    @Test
    void largeTablesUseTheChiSquareTestWhichAgreesWithFisher() {
        double[] baseline = events(500, 10_000);
        double[] recent = events(620, 10_001);
        assertTrue(baseline.length + recent.length > ChangeConfirmation.EXACT_TEST_LIMIT);
        double chiSquare = CONFIRMATION.worse(INVALID_JSON, baseline, recent).pValue();
        double fisher = CONFIRMATION.worse(INVALID_JSON, events(500, 10_000), events(620, 9_999)).pValue();
        assertEquals(Math.log(fisher), Math.log(chiSquare), 0.5, "Fisher " + fisher + ", chi-square " + chiSquare);
    }

    @Test
    void lowerJudgeScoreIsAConfirmedDegradationAndAHigherOneIsNot() {
        SplittableRandom random = new SplittableRandom(1);
        double[] baseline = normal(random, 0.75, 0.12, 2_000);
        Comparison lower = CONFIRMATION.worse(JUDGE_SCORE, baseline, normal(random, 0.67, 0.12, 300));
        Comparison higher = CONFIRMATION.worse(JUDGE_SCORE, baseline, normal(random, 0.83, 0.12, 300));
        assertTrue(CONFIRMATION.degraded(JUDGE_SCORE, lower), lower.toString());
        assertEquals(0.08, lower.worsening(), 0.02);
        assertFalse(CONFIRMATION.degraded(JUDGE_SCORE, higher), higher.toString());
        assertTrue(higher.pValue() > 0.5);
    }

    @Test
    void relativeMinimumEffectScalesWithTheBaseline() {
        SplittableRandom random = new SplittableRandom(2);
        double[] baseline = lengths(random, 600, 2_000);
        Comparison tenPercentShorter = CONFIRMATION.worse(ANSWER_LENGTH, baseline, lengths(random, 540, 2_000));
        Comparison thirtyPercentShorter = CONFIRMATION.worse(ANSWER_LENGTH, baseline, lengths(random, 420, 200));
        assertTrue(CONFIRMATION.significant(tenPercentShorter));
        assertFalse(CONFIRMATION.degraded(ANSWER_LENGTH, tenPercentShorter), "60 characters is below 20 % of 600");
        assertTrue(CONFIRMATION.degraded(ANSWER_LENGTH, thirtyPercentShorter));
    }

    @Test
    void moreMetricsPerStratumNeedASmallerPValue() {
        Comparison comparison = CONFIRMATION.worse(INVALID_JSON, events(100, 2_000), events(13, 150));
        double p = comparison.pValue();
        assertTrue(p > 1e-4 && p < 0.1, "p " + p);
        // Given α twice the p-value: alone the metric is significant, one of six it is not (Bonferroni)
        assertTrue(new ChangeConfirmation(2 * p, 1).significant(comparison));
        assertFalse(new ChangeConfirmation(2 * p, 6).significant(comparison));
        assertEquals(2 * p / 6, new ChangeConfirmation(2 * p, 6).perTestAlpha(), 1e-15);
    }

    @Test
    void betterAsksTheOppositeQuestionAndKeepsWorseningSigned() {
        Comparison better = CONFIRMATION.better(INVALID_JSON, events(30, 200), events(10, 200));
        assertEquals(-0.10, better.worsening(), 1e-12);
        assertTrue(better.pValue() < 0.01, better.toString());
        assertTrue(CONFIRMATION.better(INVALID_JSON, events(10, 200), events(30, 200)).pValue() > 0.9);
    }

    @Test
    void identicalSamplesHaveNothingToSay() {
        double[] same = new double[100];
        assertEquals(1.0, CONFIRMATION.worse(JUDGE_SCORE, same, same).pValue());
        assertEquals(1.0, CONFIRMATION.worse(INVALID_JSON, same, same).pValue());
    }

    /** {@code count} observations of which the first {@code events} are 1. */
    static double[] events(int events, int count) {
        double[] sample = new double[count];
        for (int i = 0; i < events; i++) {
            sample[i] = 1.0;
        }
        return sample;
    }

    static double[] normal(SplittableRandom random, double mean, double sd, int count) {
        double[] sample = new double[count];
        for (int i = 0; i < count; i++) {
            sample[i] = Math.min(1.0, Math.max(0.0, mean + sd * random.nextGaussian()));
        }
        return sample;
    }

    static double[] lengths(SplittableRandom random, double median, int count) {
        double[] sample = new double[count];
        for (int i = 0; i < count; i++) {
            sample[i] = median * Math.exp(0.3 * random.nextGaussian());
        }
        return sample;
    }
}
