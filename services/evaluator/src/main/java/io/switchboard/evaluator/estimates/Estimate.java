package io.switchboard.evaluator.estimates;

/**
 * A weighted estimate (a rate or a mean) with its 95 % interval, the number of scores behind it and their
 * effective number once weighted (Kish: {@code (Σw)² / Σw²}; equal to {@code n} when every weight is 1). The
 * interval is null when the scores cannot support one (a mean of fewer than two effective scores).
 */
public record Estimate(double value, Interval interval, long n, double effectiveN) {
}
