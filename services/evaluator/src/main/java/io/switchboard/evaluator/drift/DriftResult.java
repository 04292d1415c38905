package io.switchboard.evaluator.drift;

/**
 * What one observation changed about a stratum's metric. Values are in the metric's unit (a rate, a
 * mean); {@code effect} is the worsening against the baseline, positive when worse.
 */
public sealed interface DriftResult {

    /** Nothing to announce: no alarm opened or cleared (an open alarm stays open). */
    record Steady() implements DriftResult {
    }

    /**
     * The metric got worse than its baseline, confirmed and by at least the minimum effect: an alarm opens.
     *
     * @param changeEstimatedAtSample the first observation (1-based, of this detector) after the change
     * @param samplesSinceChange observations since then, this one included
     */
    record Degraded(double baseline, double current, double effect, double pValue, long changeEstimatedAtSample,
            long samplesSinceChange) implements DriftResult {
    }

    /**
     * The metric is back within the minimum effect of its baseline, confirmed by a significant
     * improvement over the degraded period: the open alarm clears. {@code pValue} is that improvement's.
     */
    record Recovered(double baseline, double current, double effect, double pValue, long changeEstimatedAtSample,
            long samplesSinceChange) implements DriftResult {
    }

    Steady STEADY = new Steady();
}
