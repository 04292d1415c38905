package io.switchboard.evaluator.scores;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;

/**
 * Publishes scores to {@code switchboard.scores.v1}, keyed by job id, and to {@code switchboard.scores.by-stratum.v1},
 * keyed by stratum for the drift watch; completes once Kafka has them all.
 */
@ApplicationScoped
public class ScorePublisher {

    static final String SOURCE = "/switchboard/evaluator";

    private final MutinyEmitter<EvaluationScored> scores;
    private final MutinyEmitter<EvaluationScored> byStratum;

    ScorePublisher(@Channel("scores") MutinyEmitter<EvaluationScored> scores,
            @Channel("scores-by-stratum-out") MutinyEmitter<EvaluationScored> byStratum) {
        this.scores = scores;
        this.byStratum = byStratum;
    }

    public Uni<Void> publish(List<EvaluationScored> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = events.stream()
                .flatMap(event -> Stream.of(
                        scores.sendMessage(CloudEvents.event(EventType.EVALUATION_SCORED, SOURCE, eventIdFor(event),
                                event.jobId(), event.jobId(), event)),
                        byStratum.sendMessage(CloudEvents.event(EventType.EVALUATION_SCORED, SOURCE, eventIdFor(event),
                                event.stratum(), event.jobId(), event))))
                .toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /**
     * Derived from job and check, so that the events republished for a redelivered result carry the
     * ids of the first ones and consumers can drop them as duplicates.
     */
    static String eventIdFor(EvaluationScored event) {
        String name = "evaluation-scored:" + event.jobId() + ":" + event.check()
                + (event.scorerVersionOrFirst() == 1 ? "" : ":v" + event.scorerVersionOrFirst());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
