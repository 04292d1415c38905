package io.switchboard.evaluator.judge;

/** What a judge's reply says: a score on the rubric's scale with its reasoning, or nothing that can be used. */
public sealed interface JudgeReply {

    record Measured(double score, String reasoning) implements JudgeReply {
    }

    /** The reply does not parse, has no numeric score, or scores off the scale: never a 0, never in a mean. */
    record Unmeasured(String reason) implements JudgeReply {
    }
}
