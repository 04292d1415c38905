package io.switchboard.evaluator.drift;

/** Which way a metric moves when quality degrades: only that way raises an alarm. */
public enum WorseDirection {
    /** A failure rate, a refusal rate, a latency. */
    HIGHER,
    /** A judge score, an answer length, a pass rate. */
    LOWER;

    /** {@code current - baseline} turned so that a positive value is a degradation. */
    public double worsening(double baseline, double current) {
        return this == HIGHER ? current - baseline : baseline - current;
    }
}
