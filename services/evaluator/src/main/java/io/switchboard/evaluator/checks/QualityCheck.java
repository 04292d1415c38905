package io.switchboard.evaluator.checks;

import io.switchboard.contracts.events.JobCompleted;

/**
 * A deterministic check of a succeeded job's output. Checks must not call out to anything, so scoring
 * the same result twice gives the same verdict.
 */
public interface QualityCheck {

    /** The check's stable name, as stored and published ({@code snake_case}). */
    String name();

    /** Whether the check has anything to say about this result; most checks apply to every result. */
    default boolean applies(JobCompleted result) {
        return true;
    }

    Verdict evaluate(JobCompleted result);

    /**
     * Grows whenever the check's logic changes what it says about the same result, so that scores of the old
     * and the new logic are stored apart and never mixed in one baseline.
     */
    default int version() {
        return 1;
    }
}
