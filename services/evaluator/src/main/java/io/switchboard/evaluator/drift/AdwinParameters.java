package io.switchboard.evaluator.drift;

/**
 * How an {@link Adwin} window decides to cut.
 *
 * @param delta confidence of the cut test: the paper bounds the probability of a false cut per step by it
 * @param bucketsPerRow the paper's M: buckets of one size kept before the two oldest merge; more buckets
 *        mean finer cut points and more memory ({@code M * log(W / M)} buckets in all)
 * @param checkInterval the window is tested for a cut every this many inserts, not on each one: a test
 *        walks every bucket, and a change is then seen at most this many samples late
 * @param minSubWindow fewest samples either side of a cut point must hold for the point to be tested
 */
public record AdwinParameters(double delta, int bucketsPerRow, int checkInterval, int minSubWindow) {

    public static final double DEFAULT_DELTA = 0.002;

    public AdwinParameters {
        if (!(delta > 0.0 && delta < 1.0)) {
            throw new IllegalArgumentException("delta must be within (0, 1), was " + delta);
        }
        if (bucketsPerRow < 2) {
            throw new IllegalArgumentException("bucketsPerRow must be at least 2, was " + bucketsPerRow);
        }
        if (checkInterval < 1) {
            throw new IllegalArgumentException("checkInterval must be at least 1, was " + checkInterval);
        }
        if (minSubWindow < 1) {
            throw new IllegalArgumentException("minSubWindow must be at least 1, was " + minSubWindow);
        }
    }

    /** δ = 0.002, M = 5, a cut test every 32 inserts, at least 5 samples either side of a cut. */
    public static AdwinParameters defaults() {
        return new AdwinParameters(DEFAULT_DELTA, 5, 32, 5);
    }

    public AdwinParameters withCheckInterval(int inserts) {
        return new AdwinParameters(delta, bucketsPerRow, inserts, minSubWindow);
    }
}
