package io.switchboard.evaluator.checks;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/** The assistant said something: its message content is present and not blank. */
@ApplicationScoped
public class NonEmptyOutputCheck implements QualityCheck {

    @Override
    public String name() {
        return "non_empty_output";
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        String content = result.assistantContent();
        if (content == null) {
            return Verdict.fail("the first choice has no assistant content");
        }
        if (content.isBlank()) {
            return Verdict.fail("the assistant content is blank");
        }
        return Verdict.pass(content.length() + " characters");
    }
}
