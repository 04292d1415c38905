package io.switchboard.evaluator.judge;

/** How one call to a judge went. */
public sealed interface JudgeCall {

    /** The judge answered; its verdict is still to be read. */
    record Answered(String content, long totalTokens) implements JudgeCall {
    }

    /** The call failed; {@code detail} is safe to log (no key, no prompt). */
    record Failed(JudgeFailure failure, String detail) implements JudgeCall {
    }
}
