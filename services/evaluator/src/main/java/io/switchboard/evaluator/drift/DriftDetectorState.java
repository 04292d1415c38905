package io.switchboard.evaluator.drift;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link DriftDetector} as stored (PostgreSQL, as JSON), so a redeploy goes on watching where it left off.
 *
 * @param samples observations seen
 * @param recent the recent window, oldest first
 * @param suspectedChangeAt first observation after a change ADWIN flagged and that is still being
 *        confirmed, or 0 when none is
 * @param lastTestAt the observation at which the suspected change was last tested
 * @param openAlarm the alarm that is open, or null when none is
 */
public record DriftDetectorState(long samples, BaselineState baseline, double[] recent, AdwinState adwin,
        long suspectedChangeAt, long lastTestAt, DriftResult.Degraded openAlarm) {

    public DriftDetectorState {
        recent = recent.clone();
    }

    @Override
    public double[] recent() {
        return recent.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DriftDetectorState state
                && samples == state.samples
                && baseline.equals(state.baseline)
                && Arrays.equals(recent, state.recent)
                && adwin.equals(state.adwin)
                && suspectedChangeAt == state.suspectedChangeAt
                && lastTestAt == state.lastTestAt
                && Objects.equals(openAlarm, state.openAlarm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, baseline, Arrays.hashCode(recent), adwin, suspectedChangeAt, lastTestAt,
                openAlarm);
    }

    @Override
    public String toString() {
        return "DriftDetectorState[samples=" + samples + ", recent=" + recent.length + " values, openAlarm="
                + openAlarm + "]";
    }
}
