package io.switchboard.evaluator.drift;

import java.util.Arrays;

/**
 * The frozen sample that "normal" means for one stratum and metric: a uniform reservoir of {@code size}
 * observations drawn from the first {@code period} ones (with {@code period == size}, simply the first
 * {@code size}). Once the period is over it never changes, so a slow drift cannot become the new normal.
 *
 * <p>Which slot an observation replaces is a hash of its position, not a random draw, so a restored
 * baseline goes on exactly as the original would have.
 */
final class Baseline {

    private final int size;
    private final long period;
    private final double[] values;
    private long offered;
    /** The frozen values in order, for ranking observations against them. */
    private double[] sorted;

    Baseline(int size, long period) {
        this.size = size;
        this.period = period;
        this.values = new double[size];
    }

    /** A stored baseline, continued under the configured size and period if it is not frozen yet. */
    static Baseline restore(int size, long period, BaselineState state) {
        double[] stored = state.values();
        // a reservoir that was already full keeps its size; one still filling takes the configured one
        int capacity = state.offered() > stored.length ? stored.length : Math.max(size, stored.length);
        Baseline baseline = new Baseline(capacity, Math.max(period, capacity));
        System.arraycopy(stored, 0, baseline.values, 0, stored.length);
        baseline.offered = state.offered();
        if (baseline.frozen()) {
            baseline.freeze();
        }
        return baseline;
    }

    BaselineState export() {
        return new BaselineState(Arrays.copyOf(values, held()), offered);
    }

    long observationsToFreeze() {
        return Math.max(0, period - offered);
    }

    boolean frozen() {
        return offered >= period;
    }

    void offer(double value) {
        if (frozen()) {
            throw new IllegalStateException("the baseline is frozen");
        }
        if (offered < size) {
            values[(int) offered] = value;
        } else {
            long slot = Math.floorMod(mix(offered), offered + 1);
            if (slot < size) {
                values[(int) slot] = value;
            }
        }
        offered++;
        if (frozen()) {
            freeze();
        }
    }

    /** The frozen sample; callers must not change it. */
    double[] values() {
        return values;
    }

    /**
     * Where {@code value} falls among the baseline, from 0 (below all) to 1 (above all), ties counted
     * half: the probability integral transform. Without a change its mean is 1/2 whatever the metric's
     * scale or shape, and a shift of the metric moves it, so ADWIN can watch any continuous metric within
     * the [0, 1] its bound needs.
     */
    double rank(double value) {
        int below = lowerBound(sorted, value);
        int atOrBelow = upperBound(sorted, value);
        return (below + atOrBelow) / (2.0 * sorted.length);
    }

    private int held() {
        return (int) Math.min(offered, size);
    }

    private void freeze() {
        sorted = Arrays.copyOf(values, held());
        Arrays.sort(sorted);
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static int upperBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** SplitMix64's finalizer: a position mapped to well-spread bits. */
    private static long mix(long position) {
        long z = position + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
