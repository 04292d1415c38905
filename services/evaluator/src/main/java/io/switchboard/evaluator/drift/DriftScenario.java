package io.switchboard.evaluator.drift;

/**
 * One seeded experiment: a metric observed as {@code before} for at least {@code changeAt} observations
 * (the {@link DetectionDelayTable} adds a random jitter per run), then as {@code after} for
 * {@code observedAfterChange} more.
 *
 * @param name how the table names the row
 * @param degradation whether {@code after} is worse: if not, every alarm is a false one
 */
public record DriftScenario(String name, MetricDefinition metric, SyntheticMetric before, SyntheticMetric after,
        int changeAt, int observedAfterChange, boolean degradation) {

    public static DriftScenario degradation(String name, MetricDefinition metric, SyntheticMetric before,
            SyntheticMetric after, int changeAt, int observedAfterChange) {
        return new DriftScenario(name, metric, before, after, changeAt, observedAfterChange, true);
    }

    /** A change that must not alarm: an improvement, or none at all ({@code after} equal to {@code before}). */
    public static DriftScenario harmless(String name, MetricDefinition metric, SyntheticMetric before,
            SyntheticMetric after, int changeAt, int observedAfterChange) {
        return new DriftScenario(name, metric, before, after, changeAt, observedAfterChange, false);
    }
}
