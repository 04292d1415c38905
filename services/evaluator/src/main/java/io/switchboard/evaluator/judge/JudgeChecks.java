package io.switchboard.evaluator.judge;

/** How the judges' verdicts are named among the checks: {@code judge.<criterion>}. */
public final class JudgeChecks {

    public static final String PREFIX = "judge.";

    private JudgeChecks() {
    }

    public static String checkName(String criterion) {
        return PREFIX + criterion;
    }

    public static boolean isJudge(String check) {
        return check != null && check.startsWith(PREFIX);
    }
}
