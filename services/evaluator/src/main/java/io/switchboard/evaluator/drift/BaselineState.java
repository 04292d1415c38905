package io.switchboard.evaluator.drift;

import java.util.Arrays;

/**
 * A baseline as stored: its sample and how many observations it was offered.
 *
 * @param values the sample, in slot order
 * @param offered observations offered so far; once it reaches the period the baseline is frozen
 */
public record BaselineState(double[] values, long offered) {

    public BaselineState {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BaselineState state && offered == state.offered && Arrays.equals(values, state.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Long.hashCode(offered);
    }

    @Override
    public String toString() {
        return "BaselineState[" + values.length + " values, offered=" + offered + "]";
    }
}
