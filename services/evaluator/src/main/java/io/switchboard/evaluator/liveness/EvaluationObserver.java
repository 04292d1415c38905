package io.switchboard.evaluator.liveness;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.contracts.events.EvaluationScored;

/**
 * Notes every completed evaluation, read back from {@code switchboard.scores.v1} in a consumer group of its own
 * ({@code evaluator-liveness}): an evaluation counts once its score is published, which is what consumers of scores
 * see, whichever replica or path (checks, judge) produced it.
 */
@ApplicationScoped
public class EvaluationObserver {

    private final EvaluationTally tally;

    EvaluationObserver(EvaluationTally tally) {
        this.tally = tally;
    }

    @Incoming("evaluations-seen")
    public void onScore(EvaluationScored score) {
        // an unreadable record arrives as null (fail-on-deserialization-failure=false): nothing to note
        if (score != null) {
            tally.seen(score);
        }
    }
}
