package io.switchboard.evaluator.checks;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/**
 * How long the answer is, in characters. Not a verdict by itself: answers that get shorter than the
 * stratum's baseline are what the drift watch looks for. Answers that only call tools have no text to measure.
 */
@ApplicationScoped
public class AnswerLengthCheck implements QualityCheck {

    @Override
    public String name() {
        return "answer_length";
    }

    @Override
    public boolean applies(JobCompleted result) {
        return result.assistantContent() != null;
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        int length = result.assistantContent().length();
        return Verdict.measured(length, length + " characters");
    }
}
