package io.switchboard.evaluator.drift;

/**
 * Two samples of one metric set side by side.
 *
 * @param reference the reference sample's rate or mean
 * @param current the current sample's rate or mean
 * @param worsening {@code current} against {@code reference}, positive when worse, in the metric's unit
 * @param pValue the one-sided p-value of the direction that was asked about
 */
public record Comparison(double reference, double current, double worsening, double pValue) {
}
