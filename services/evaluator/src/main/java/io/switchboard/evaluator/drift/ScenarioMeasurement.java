package io.switchboard.evaluator.drift;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A scenario's figures over its seeded runs. A delay is the number of observations after the change up
 * to and including the one that raised the alarm; a run that never alarmed after the change has no
 * delay, and counts as slower than every run that did.
 *
 * @param delays one per run that alarmed after the change, ascending
 * @param falseAlarms alarms before the change, and every alarm of a harmless scenario
 * @param observations observations fed over all runs
 */
public record ScenarioMeasurement(DriftScenario scenario, int runs, long[] delays, int falseAlarms,
        long observations) {

    public ScenarioMeasurement {
        delays = delays.clone();
        Arrays.sort(delays);
    }

    public int detected() {
        return delays.length;
    }

    public double detectionRate() {
        return runs == 0 ? 0.0 : (double) delays.length / runs;
    }

    /** The delay within which {@code share} of all runs alarmed; empty when fewer runs alarmed at all. */
    public OptionalLong delayPercentile(double share) {
        int needed = (int) Math.ceil(share * runs);
        if (needed == 0) {
            return OptionalLong.of(0);
        }
        return needed <= delays.length ? OptionalLong.of(delays[needed - 1]) : OptionalLong.empty();
    }

    /** The share of all runs that alarmed within {@code delay} observations of the change. */
    public double shareDetectedWithin(long delay) {
        long within = Arrays.stream(delays).filter(d -> d <= delay).count();
        return runs == 0 ? 0.0 : (double) within / runs;
    }

    @Override
    public long[] delays() {
        return delays.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScenarioMeasurement m && scenario.equals(m.scenario) && runs == m.runs
                && Arrays.equals(delays, m.delays) && falseAlarms == m.falseAlarms && observations == m.observations;
    }

    @Override
    public int hashCode() {
        return 31 * scenario.hashCode() + Arrays.hashCode(delays);
    }

    @Override
    public String toString() {
        return scenario.name() + ": " + delays.length + "/" + runs + " detected, p50 " + delayPercentile(0.5)
                + ", p90 " + delayPercentile(0.9) + ", false alarms " + falseAlarms;
    }
}
