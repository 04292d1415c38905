package io.switchboard.evaluator.drift;

/**
 * The smallest degradation worth an alarm, whatever the p-value: with enough samples any difference is
 * significant, and a trivial one must still stay quiet.
 *
 * @param amount the smallest worsening, in the metric's unit, or as a share of the baseline when relative
 * @param relativeToBaseline whether {@code amount} is a share of the baseline value (0.2 = 20 % worse),
 *        for metrics whose scale differs by stratum, such as answer length or latency
 */
public record MinimumEffect(double amount, boolean relativeToBaseline) {

    public MinimumEffect {
        if (!(amount > 0.0)) {
            throw new IllegalArgumentException("a minimum effect must be positive, was " + amount);
        }
    }

    public static MinimumEffect absolute(double amount) {
        return new MinimumEffect(amount, false);
    }

    public static MinimumEffect relative(double shareOfBaseline) {
        return new MinimumEffect(shareOfBaseline, true);
    }

    /** The minimum effect in the metric's unit, for this baseline value. */
    public double inUnits(double baseline) {
        return relativeToBaseline ? amount * Math.abs(baseline) : amount;
    }

    public boolean reachedBy(double worsening, double baseline) {
        return worsening >= inUnits(baseline);
    }
}
