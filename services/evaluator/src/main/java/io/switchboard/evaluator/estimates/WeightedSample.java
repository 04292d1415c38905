package io.switchboard.evaluator.estimates;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The sums that weighted estimates need, over scores each weighted by {@code w = 1 / sampling probability}
 * (Horvitz–Thompson: a score sampled with probability 0.25 stands for 4 jobs). Sums are additive, so they can be
 * taken by SQL and combined here. {@code x} is what is estimated: 1 or 0 for a pass, a score, a measured value.
 *
 * <p>The point estimate is the weighted (Hájek) mean {@code Σwx / Σw}. Its uncertainty is judged on the
 * effective sample size {@code n_eff = (Σw)² / Σw²} rather than on {@code n}: unequal weights carry less
 * information than as many equal ones, and a sample of equal weights gives {@code n_eff = n}, the unweighted case.
 */
public record WeightedSample(long n, double sumW, double sumW2, double sumWX, double sumWX2) {

    /** The standard normal quantile for a two-sided 95 % interval. */
    static final double Z = 1.959963984540054;

    public static final WeightedSample EMPTY = new WeightedSample(0, 0, 0, 0, 0);

    /** One score of value {@code x} drawn with probability {@code samplingProbability}. */
    public static WeightedSample of(double x, double samplingProbability) {
        double w = 1.0 / samplingProbability;
        return new WeightedSample(1, w, w * w, w * x, w * x * x);
    }

    public WeightedSample plus(WeightedSample other) {
        return new WeightedSample(n + other.n, sumW + other.sumW, sumW2 + other.sumW2, sumWX + other.sumWX,
                sumWX2 + other.sumWX2);
    }

    /** The same scores with {@code x} read as {@code 1 - x}: the other side of a pairwise verdict. */
    public WeightedSample complement() {
        return new WeightedSample(n, sumW, sumW2, sumW - sumWX, sumW - 2 * sumWX + sumWX2);
    }

    public boolean isEmpty() {
        return n == 0 || sumW <= 0;
    }

    public double effectiveN() {
        return isEmpty() ? 0 : sumW * sumW / sumW2;
    }

    public double mean() {
        return sumWX / sumW;
    }

    /**
     * A proportion (every x in [0, 1]; 0.5 for a pairwise tie) with Wilson's score interval at {@code n_eff}. With
     * ties the outcome varies less than a 0/1 one, so the interval errs on the wide side. Null when empty.
     */
    public Estimate proportion() {
        if (isEmpty()) {
            return null;
        }
        double p = Math.min(1, Math.max(0, mean()));
        return new Estimate(p, wilson(p, effectiveN()), n, effectiveN());
    }

    /**
     * A mean with Student's t interval: the weighted variance {@code Σw(x - m)² / Σw}, scaled to an unbiased one by
     * {@code n_eff / (n_eff - 1)}, over {@code n_eff}, with {@code n_eff - 1} degrees of freedom. Null when empty; no
     * interval under two effective scores.
     */
    public Estimate mean(Interval bounds) {
        if (isEmpty()) {
            return null;
        }
        double m = mean();
        double nEff = effectiveN();
        if (nEff <= 1.0 + 1e-9) {
            return new Estimate(m, null, n, nEff);
        }
        double variance = Math.max(0, sumWX2 / sumW - m * m);
        double halfWidth = TDistribution.of(nEff - 1).inverseCumulativeProbability(0.975) * Math.sqrt(variance / (nEff - 1));
        double low = m - halfWidth;
        double high = m + halfWidth;
        if (bounds != null) {
            low = Math.max(bounds.low(), low);
            high = Math.min(bounds.high(), high);
        }
        return new Estimate(m, new Interval(low, high), n, nEff);
    }

    /** Wilson's score interval for a proportion {@code p} observed over {@code n} trials (E. B. Wilson, 1927). */
    static Interval wilson(double p, double n) {
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
    }
}
