package io.switchboard.evaluator.judge;

/** How the judges' verdicts are named among the checks: {@code judge.<criterion>}, {@code pairwise.<criterion>}. */
public final class JudgeChecks {

    public static final String PREFIX = "judge.";
    /** Pairwise verdicts: {@code pairwise.<criterion>}, 1 won, 0.5 tied, 0 lost, for the job's variant. */
    public static final String PAIRWISE_PREFIX = "pairwise.";

    private JudgeChecks() {
    }

    public static String checkName(String criterion) {
        return PREFIX + criterion;
    }

    public static String pairwiseName(String criterion) {
        return PAIRWISE_PREFIX + criterion;
    }

    public static boolean isJudge(String check) {
        return check != null && check.startsWith(PREFIX);
    }
}
