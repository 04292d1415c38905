package io.switchboard.evaluator.judge;

import io.switchboard.evaluator.judge.JudgeReply.Outcome;

/**
 * Settles a comparison asked in both orders, for the job's own answer: shown first as A, then second as B. A judge's
 * preference counts only if it survives the swap; a judge that always prefers one position yields ties.
 */
public final class PairwiseVerdict {

    private PairwiseVerdict() {
    }

    /**
     * @param ownFirst  the verdict with the job's answer as A
     * @param ownSecond the verdict with the job's answer as B
     */
    public static JudgeReply settle(JudgeReply ownFirst, JudgeReply ownSecond, String opponent) {
        if (ownFirst instanceof JudgeReply.Unmeasured unmeasured) {
            return unmeasured;
        }
        if (ownSecond instanceof JudgeReply.Unmeasured unmeasured) {
            return unmeasured;
        }
        JudgeReply.Preferred first = (JudgeReply.Preferred) ownFirst;
        JudgeReply.Preferred second = (JudgeReply.Preferred) ownSecond;
        Outcome outcome;
        if ("A".equals(first.winner()) && "B".equals(second.winner())) {
            outcome = Outcome.WIN;
        } else if ("B".equals(first.winner()) && "A".equals(second.winner())) {
            outcome = Outcome.LOSS;
        } else {
            outcome = Outcome.TIE;
        }
        String reasoning = "as A: " + first.winner() + " (" + first.reasoning() + "); as B: " + second.winner() + " ("
                + second.reasoning() + ")";
        return new JudgeReply.Compared(outcome, opponent, reasoning);
    }
}
