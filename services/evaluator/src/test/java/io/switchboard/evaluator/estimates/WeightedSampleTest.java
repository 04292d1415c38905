package io.switchboard.evaluator.estimates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The estimates against figures worked out by hand (and checked against the published formulas). */
class WeightedSampleTest {

    private static final double EPSILON = 1e-6;

    @Test
    void wilsonIntervalOfEightPassesInTenMatchesTheTextbookFigures() {
        Estimate rate = passes(new boolean[] { true, true, true, true, true, true, true, true, false, false },
                new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 });

        assertEquals(0.8, rate.value(), EPSILON);
        assertEquals(10, rate.n());
        assertEquals(10.0, rate.effectiveN(), EPSILON);
        // centre (p + z²/2n) / (1 + z²/n) = 0.716740, half width z/(1 + z²/n) · sqrt(p(1-p)/n + z²/4n²) = 0.226578
        assertEquals(0.490162, rate.interval().low(), EPSILON);
        assertEquals(0.943318, rate.interval().high(), EPSILON);
    }

    @Test
    void sampledScoresCountOncePerProbabilityAndNarrowTheEffectiveSample() {
        // four scores sampled at probability 1 (3 passed), two at 0.25 (1 passed): weights 1, 1, 1, 1, 4, 4
        Estimate rate = passes(new boolean[] { true, true, true, false, true, false },
                new double[] { 1, 1, 1, 1, 0.25, 0.25 });

        // (3 + 4) / 12, where the unweighted rate would be 4 / 6
        assertEquals(7.0 / 12.0, rate.value(), EPSILON);
        assertEquals(6, rate.n());
        // Kish: (Σw)² / Σw² = 144 / 36
        assertEquals(4.0, rate.effectiveN(), EPSILON);
        assertEquals(0.195036, rate.interval().low(), EPSILON);
        assertEquals(0.889982, rate.interval().high(), EPSILON);
    }

    @Test
    void meanIntervalIsStudentsTOnTheSampleVariance() {
        WeightedSample sample = WeightedSample.EMPTY;
        for (double x : new double[] { 1, 2, 3, 4 }) {
            sample = sample.plus(WeightedSample.of(x, 1.0));
        }

        Estimate mean = sample.mean(null);

        // s = 1.290994, s / sqrt(4) = 0.645497, t(0.975, 3) = 3.182446
        assertEquals(2.5, mean.value(), EPSILON);
        assertEquals(2.5 - 2.054261, mean.interval().low(), EPSILON);
        assertEquals(2.5 + 2.054261, mean.interval().high(), EPSILON);
    }

    @Test
    void aMeanOfOneScoreHasNoInterval() {
        Estimate mean = WeightedSample.of(0.7, 0.5).mean(new Interval(0, 1));

        assertEquals(0.7, mean.value(), EPSILON);
        assertNull(mean.interval());
    }

    @Test
    void scoreIntervalsStayWithinTheScoreRange() {
        WeightedSample sample = WeightedSample.of(1.0, 1).plus(WeightedSample.of(0.9, 1)).plus(WeightedSample.of(1.0, 1));

        Estimate mean = sample.mean(new Interval(0, 1));

        assertEquals(1.0, mean.interval().high(), EPSILON);
    }

    @Test
    void theComplementReadsEveryScoreFromTheOtherSide() {
        WeightedSample wins = WeightedSample.of(1.0, 1).plus(WeightedSample.of(0.5, 0.5)).plus(WeightedSample.of(0.0, 1));
        WeightedSample mirrored = WeightedSample.of(0.0, 1).plus(WeightedSample.of(0.5, 0.5)).plus(WeightedSample.of(1.0, 1));

        assertEquals(mirrored, wins.complement());
    }

    @Test
    void anEmptySampleEstimatesNothing() {
        assertNull(WeightedSample.EMPTY.proportion());
        assertNull(WeightedSample.EMPTY.mean(null));
    }

    private static Estimate passes(boolean[] passed, double[] probabilities) {
        WeightedSample sample = WeightedSample.EMPTY;
        for (int i = 0; i < passed.length; i++) {
            sample = sample.plus(WeightedSample.of(passed[i] ? 1 : 0, probabilities[i]));
        }
        return sample.proportion();
    }
}
