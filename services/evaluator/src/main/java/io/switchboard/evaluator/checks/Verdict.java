package io.switchboard.evaluator.checks;

/**
 * One check's judgement of one result: pass or fail, a score from 0 to 1, why, and, for a check that measures
 * a quantity (characters, milliseconds), the quantity.
 */
public record Verdict(boolean passed, double score, String detail, Double value) {

    public Verdict(boolean passed, double score, String detail) {
        this(passed, score, detail, null);
    }

    public Verdict {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }

    public static Verdict pass(String detail) {
        return new Verdict(true, 1.0, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(false, 0.0, detail);
    }

    /** A measurement: nothing to pass or fail by itself; the drift watch compares it with the stratum's baseline. */
    public static Verdict measured(double value, String detail) {
        return new Verdict(true, 1.0, detail, value);
    }
}
