package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/** ADWIN against the behaviour Bifet and Gavaldà (SDM 2007) prove and measure. */
class AdwinTest {

    static final AdwinParameters DEFAULTS = AdwinParameters.defaults();
    static final int RUNS = 200;

    @Test
    void stationaryStreamsAreCutLessOftenThanDeltaPerCheck() {
        // Theorem 3.1 (false positives): while the mean stays put, each step cuts with probability at most δ.
        assertFalseCutRateBelowDelta(random -> random.nextDouble() < 0.2 ? 1.0 : 0.0);
        assertFalseCutRateBelowDelta(random -> random.nextDouble() < 0.5 ? 1.0 : 0.0);
        assertFalseCutRateBelowDelta(SplittableRandom::nextDouble);
    }

    @Test
    void abruptShiftIsDetectedWithinTheDelayThePaperBoundPredicts() {
        int before = 2_000;
        double from = 0.2;
        double to = 0.5;
        long predicted = predictedDelay(before, to - from);
        long[] delays = delays(before, from, to, 5_000);
        long within = Arrays.stream(delays).filter(d -> d <= predicted).count();
        assertTrue(within >= Math.ceil((1 - DEFAULTS.delta()) * RUNS) - 1,
                within + " of " + RUNS + " runs within the predicted " + predicted + ", delays " + summary(delays));
    }

    @Test
    void windowShrinksToTheSamplesAfterAChange() {
        Adwin adwin = new Adwin(DEFAULTS);
        SplittableRandom random = new SplittableRandom(7);
        feed(adwin, random, 0.2, 5_000);
        assertEquals(5_000, adwin.width(), "a stationary window keeps every sample");
        feed(adwin, random, 0.8, 1_000);
        assertTrue(adwin.width() <= 1_100 && adwin.width() >= 700, "width " + adwin.width());
        assertEquals(0.8, adwin.mean(), 0.05);
    }

    @Test
    void cutReportsTheMeansAndWhereTheChangeHappened() {
        Adwin adwin = new Adwin(DEFAULTS);
        SplittableRandom random = new SplittableRandom(11);
        feed(adwin, random, 0.1, 4_000);
        AdwinSignal.Change change = null;
        long delay = 0;
        while (change == null) {
            delay++;
            if (adwin.add(random.nextDouble() < 0.6 ? 1.0 : 0.0) instanceof AdwinSignal.Change c) {
                change = c;
            }
        }
        assertTrue(change.rose());
        assertEquals(0.1 + 0.5 * delay / (4_000.0 + delay), change.meanBefore(), 0.02, "mean of the whole window");
        assertTrue(change.meanAfter() > change.meanBefore(), change.toString());
        assertEquals(0.6, change.meanSinceChange(), 0.15, change.toString());
        assertEquals(delay, change.samplesSinceChange(), Math.max(8, delay / 4.0), change + " after " + delay);
        assertEquals(4_000 + delay - adwin.width(), change.samplesDropped());
    }

    @Test
    void changeEstimateIsWithinAQuarterOfTheTrueChangeInMostRuns() {
        // measured: 88 % of these runs, the estimate's median at 0.96 of the true delay
        long close = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            Adwin adwin = new Adwin(DEFAULTS);
            SplittableRandom random = new SplittableRandom(seed);
            feed(adwin, random, 0.3, 3_000);
            for (long delay = 1; delay <= 3_000; delay++) {
                if (adwin.add(random.nextDouble() < 0.5 ? 1.0 : 0.0) instanceof AdwinSignal.Change change) {
                    if (Math.abs(change.samplesSinceChange() - delay) <= Math.max(16, delay / 4)) {
                        close++;
                    }
                    break;
                }
            }
        }
        assertTrue(close >= 0.8 * RUNS, close + " of " + RUNS + " estimates within 25 %");
    }

    @Test
    void varianceAwareCutSeesARareEventSoonerThanACommonOneOfTheSameSize() {
        // The Bernstein form of ε_cut shrinks with the window's variance: +0.1 on a 2 % rate is far
        // easier to tell from noise than +0.1 on a 45 % rate.
        long[] rare = delays(3_000, 0.02, 0.12, 5_000);
        long[] common = delays(3_000, 0.45, 0.55, 5_000);
        long rareMedian = rare[RUNS / 2];
        long commonMedian = common[RUNS / 2];
        assertTrue(rareMedian * 2 < commonMedian, "median delays: rare " + rareMedian + ", common " + commonMedian);
        assertTrue(rareMedian < predictedDelay(3_000, 0.1), "the Hoeffding-like bound at σ² = 1/4 predicts "
                + predictedDelay(3_000, 0.1) + ", rare took " + rareMedian);
    }

    @Test
    void samplesOutsideZeroToOneAreRefused() {
        Adwin adwin = new Adwin(DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> adwin.add(1.5));
        assertThrows(IllegalArgumentException.class, () -> adwin.add(-0.1));
        assertThrows(IllegalArgumentException.class, () -> adwin.add(Double.NaN));
        assertInstanceOf(AdwinSignal.Unchanged.class, adwin.add(1.0));
    }

    private static void assertFalseCutRateBelowDelta(ToDoubleFunction<SplittableRandom> stream) {
        int length = 20_000;
        long cuts = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            Adwin adwin = new Adwin(DEFAULTS);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < length; i++) {
                if (adwin.add(stream.applyAsDouble(random)) instanceof AdwinSignal.Change) {
                    cuts++;
                }
            }
        }
        long checks = (long) RUNS * (length / DEFAULTS.checkInterval());
        assertTrue(cuts <= DEFAULTS.delta() * checks, cuts + " false cuts in " + checks + " checks");
    }

    /**
     * Theorem 3.1 (false negatives): once the true means differ by more than 2·ε_cut for a split of the
     * window into the samples before and after the change, ADWIN cuts with probability at least 1 − δ.
     * The split must fall on a bucket boundary: k samples back from the newest, buckets hold at most
     * k / M + 1 samples, so the newer side holds at least that much less than k. ε_cut is taken at the
     * largest variance a [0, 1] stream can have, and the cut is seen at the next check.
     */
    private static long predictedDelay(long before, double shift) {
        Adwin probe = new Adwin(DEFAULTS);
        for (long k = DEFAULTS.minSubWindow() + 1; ; k++) {
            long newer = k - (k / DEFAULTS.bucketsPerRow() + 1);
            if (newer >= DEFAULTS.minSubWindow() && 2 * probe.cutThreshold(before, newer, 0.25, before + k) < shift) {
                return k + DEFAULTS.checkInterval();
            }
        }
    }

    /** Sorted delays to the first rising cut after {@code before} samples at {@code from}; MAX_VALUE if none. */
    private static long[] delays(int before, double from, double to, int after) {
        long[] delays = new long[RUNS];
        for (int seed = 0; seed < RUNS; seed++) {
            Adwin adwin = new Adwin(DEFAULTS);
            SplittableRandom random = new SplittableRandom(seed);
            feed(adwin, random, from, before);
            delays[seed] = Long.MAX_VALUE;
            for (int delay = 1; delay <= after; delay++) {
                if (adwin.add(random.nextDouble() < to ? 1.0 : 0.0) instanceof AdwinSignal.Change change
                        && change.rose()) {
                    delays[seed] = delay;
                    break;
                }
            }
        }
        Arrays.sort(delays);
        return delays;
    }

    private static void feed(Adwin adwin, SplittableRandom random, double rate, int count) {
        for (int i = 0; i < count; i++) {
            adwin.add(random.nextDouble() < rate ? 1.0 : 0.0);
        }
    }

    private static String summary(long[] sorted) {
        return "p50 " + sorted[sorted.length / 2] + ", p90 " + sorted[sorted.length * 9 / 10] + ", max "
                + sorted[sorted.length - 1];
    }
}
