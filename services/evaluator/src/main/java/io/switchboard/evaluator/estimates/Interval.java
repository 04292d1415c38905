package io.switchboard.evaluator.estimates;

/** A two-sided 95 % confidence interval. */
public record Interval(double low, double high) {
}
