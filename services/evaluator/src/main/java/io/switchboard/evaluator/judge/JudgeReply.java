package io.switchboard.evaluator.judge;

/** What a judge's reply says: a score on the rubric's scale with its reasoning, or nothing that can be used. */
public sealed interface JudgeReply {

    record Measured(double score, String reasoning) implements JudgeReply {
    }

    /** A pairwise judge's preference between the answers shown as A and B: {@code A}, {@code B} or {@code tie}. */
    record Preferred(String winner, String reasoning) implements JudgeReply {
    }

    /**
     * A pairwise comparison settled over both orders, for the job's own variant: it wins only if the judge preferred
     * its answer in both, loses only if it preferred the other in both; anything else is a tie.
     */
    record Compared(Outcome outcome, String opponent, String reasoning) implements JudgeReply {
    }

    enum Outcome {
        WIN(1.0), TIE(0.5), LOSS(0.0);

        private final double score;

        Outcome(double score) {
            this.score = score;
        }

        public double score() {
            return score;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The reply does not parse, has no numeric score, or scores off the scale: never a 0, never in a mean. */
    record Unmeasured(String reason) implements JudgeReply {
    }
}
