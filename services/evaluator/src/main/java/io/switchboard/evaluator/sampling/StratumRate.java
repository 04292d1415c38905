package io.switchboard.evaluator.sampling;

/**
 * A stratum's judge sampling rates for one hour, frozen when first needed: the normal rate (base rate raised to the
 * floor) and the floor-only rate used while a judge spend cap is reached, sized on the previous hour's results.
 */
public record StratumRate(double rate, double floorOnlyRate, long previousHourResults) {

    public double rate(boolean floorOnly) {
        return floorOnly ? floorOnlyRate : rate;
    }
}
