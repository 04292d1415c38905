package io.switchboard.evaluator.checks;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/**
 * The answer ended as answers should: the model stopped by itself or to call tools. A cut at the token limit,
 * a content filter, or no reason at all fails, so a provider that starts filtering or truncating shows.
 */
@ApplicationScoped
public class FinishReasonCheck implements QualityCheck {

    private static final Set<String> NORMAL = Set.of("stop", "tool_calls", "function_call");

    @Override
    public String name() {
        return "finish_reason";
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        String reason = FinishReasons.of(result);
        if (reason == null) {
            return Verdict.fail("the first choice has no finish_reason");
        }
        return NORMAL.contains(reason) ? Verdict.pass("finish_reason " + reason)
                : Verdict.fail("finish_reason " + reason);
    }
}
