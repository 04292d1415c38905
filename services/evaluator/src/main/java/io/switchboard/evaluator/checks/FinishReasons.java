package io.switchboard.evaluator.checks;

import io.switchboard.contracts.events.JobCompleted;

/** Where the provider said its first choice ended, as OpenAI's {@code finish_reason}. */
final class FinishReasons {

    private FinishReasons() {
    }

    static String of(JobCompleted result) {
        if (result.completion() == null) {
            return null;
        }
        var reason = result.completion().path("choices").path(0).path("finish_reason");
        return reason.isTextual() ? reason.asText() : null;
    }
}
