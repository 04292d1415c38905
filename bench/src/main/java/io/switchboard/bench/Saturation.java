package io.switchboard.bench;

import java.util.List;
import java.util.Optional;

/**
 * Which step of a rate ramp the system still kept up with: it delivered nearly all it was offered, few
 * errors, and its tail latency stayed bounded (an open-loop queue that grows shows up in the p99 first).
 */
public record Saturation(double minDeliveredShare, double maxErrorRate, double maxP99Ms) {

    public static final Saturation DEFAULT = new Saturation(0.95, 0.01, 1000);

    public boolean sustained(Latency step) {
        return step.throughput() >= minDeliveredShare * step.offeredPerSecond()
                && step.errorRate() <= maxErrorRate
                && step.p99Ms() <= maxP99Ms;
    }

    /** The highest sustained step below the first one that was not (steps are in rising order). */
    public Optional<Latency> lastSustained(List<Latency> steps) {
        Latency last = null;
        for (Latency step : steps) {
            if (!sustained(step)) {
                break;
            }
            last = step;
        }
        return Optional.ofNullable(last);
    }
}
