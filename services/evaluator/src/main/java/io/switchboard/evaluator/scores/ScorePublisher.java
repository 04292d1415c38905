package io.switchboard.evaluator.scores;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;

/** Publishes scores to {@code switchboard.scores.v1}, keyed by job id, and completes once Kafka has them all. */
@ApplicationScoped
public class ScorePublisher {

    static final String SOURCE = "/switchboard/evaluator";

    private final MutinyEmitter<EvaluationScored> scores;

    ScorePublisher(@Channel("scores") MutinyEmitter<EvaluationScored> scores) {
        this.scores = scores;
    }

    public Uni<Void> publish(List<EvaluationScored> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(EvaluationScored event) {
        return scores.sendMessage(CloudEvents.event(EventType.EVALUATION_SCORED, SOURCE, eventIdFor(event),
                event.jobId(), event.jobId(), event));
    }

    /**
     * Derived from job and check, so that the events republished for a redelivered result carry the
     * ids of the first ones and consumers can drop them as duplicates.
     */
    static String eventIdFor(EvaluationScored event) {
        String name = "evaluation-scored:" + event.jobId() + ":" + event.check();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
