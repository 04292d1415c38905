package io.switchboard.evaluator.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.EvaluatorConfig;

/**
 * The output is complete and not overlong: the provider did not stop at the token limit
 * ({@code finish_reason} {@code length}), and the content is at most the configured number of characters.
 */
@ApplicationScoped
public class WithinLengthLimitCheck implements QualityCheck {

    private final int maxChars;

    @Inject
    WithinLengthLimitCheck(EvaluatorConfig config) {
        this(config.maxOutputChars());
    }

    public WithinLengthLimitCheck(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("max-output-chars must not be negative, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    @Override
    public String name() {
        return "within_length_limit";
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        String content = result.assistantContent();
        int length = content == null ? 0 : content.length();
        if ("length".equals(FinishReasons.of(result))) {
            return Verdict.fail("finish_reason is length: the output was cut off at the token limit"
                    + (result.maxTokens() == null ? "" : " (max_tokens " + result.maxTokens() + ")"));
        }
        if (length > maxChars) {
            return Verdict.fail(length + " characters, over the limit of " + maxChars);
        }
        return Verdict.pass(length + " of at most " + maxChars + " characters");
    }
}
