package io.switchboard.evaluator.checks;

/** One check's judgement of one result: pass or fail, a score from 0 to 1, and why. */
public record Verdict(boolean passed, double score, String detail) {

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
}
