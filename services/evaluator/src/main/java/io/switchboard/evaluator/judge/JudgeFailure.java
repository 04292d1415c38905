package io.switchboard.evaluator.judge;

import java.util.Set;

/** Why a judge call failed, in the classes that decide whether the judge pauses. */
public enum JudgeFailure {

    /** The evaluator tenant's key or its access to the judge model is refused: nothing works until fixed. */
    AUTH,
    /** Out of quota or budget. */
    QUOTA,
    /** Rate-limited by the gateway or the provider. */
    RATE_LIMIT,
    /** The judge's provider failed or timed out, or the gateway could not be reached. */
    UNAVAILABLE,
    /**
     * This task cannot be judged (its prompt too long, say, or its rubric's judge model unknown to the gateway): the
     * task fails, the judge goes on.
     */
    REJECTED;

    private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "quota_exceeded", "budget_exceeded",
            "budget_exhausted");

    /** The class of an error answer of the gateway's OpenAI-compatible API. */
    public static JudgeFailure ofAnswer(int status, String code) {
        // a 404 names one rubric's judge model the gateway does not know: that rubric's tasks fail, other judges go on
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 402 || (status == 429 && code != null && QUOTA_CODES.contains(code))) {
            return QUOTA;
        }
        if (status == 429) {
            return RATE_LIMIT;
        }
        if (status >= 500 || status == 408) {
            return UNAVAILABLE;
        }
        return REJECTED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
