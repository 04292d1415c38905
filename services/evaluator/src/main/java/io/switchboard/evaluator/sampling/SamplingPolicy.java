package io.switchboard.evaluator.sampling;

/**
 * How a stratum's rate for an hour follows from its traffic in the hour before: the base rate, raised so that the
 * expected number judged reaches the floor, at most 1.
 *
 * <p>A stratum without results in the previous hour has no known size: its normal rate is
 * {@code rateWithoutHistory} (1 by default: a new or rare stratum is judged fully until it has history, and the
 * next hour is sized on this one), and its floor-only rate is 0, because a spend cap that a burst of new traffic
 * could run through would not be a cap.
 */
public record SamplingPolicy(double baseRate, double floorPerHour, double rateWithoutHistory) {

    public SamplingPolicy {
        if (!(baseRate >= 0.0 && baseRate <= 1.0)) {
            throw new IllegalArgumentException("judge base rate must be within 0..1, was " + baseRate);
        }
        if (!(floorPerHour >= 0.0)) {
            throw new IllegalArgumentException("judge floor per hour must be 0 or more, was " + floorPerHour);
        }
        if (!(rateWithoutHistory >= 0.0 && rateWithoutHistory <= 1.0)) {
            throw new IllegalArgumentException("judge rate without history must be within 0..1, was "
                    + rateWithoutHistory);
        }
    }

    /** Strata without history judged fully. */
    public SamplingPolicy(double baseRate, double floorPerHour) {
        this(baseRate, floorPerHour, 1.0);
    }

    static SamplingPolicy of(SamplingConfig config) {
        return new SamplingPolicy(config.baseRate(), config.floorPerHour(), config.rateWithoutHistory());
    }

    public StratumRate rateFor(long previousHourResults) {
        if (previousHourResults <= 0) {
            return new StratumRate(rateWithoutHistory, 0.0, 0);
        }
        double floorShare = Math.min(1.0, floorPerHour / previousHourResults);
        return new StratumRate(Math.max(baseRate, floorShare), floorShare, previousHourResults);
    }
}
