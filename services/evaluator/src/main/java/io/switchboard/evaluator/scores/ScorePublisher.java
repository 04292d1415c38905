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

    /** Scores stored now: to both topics. */
    public Uni<Void> publish(List<EvaluationScored> events) {
        return send(events.stream().flatMap(event -> Stream.of(toScores(event), toDriftWatch(event))).toList());
    }

    /**
     * Scores stored by an earlier delivery of their result (a redelivery, a replay): to the scores topic only, whose
     * readers drop a repeated {@code ce_id}. The drift watch counts every record it reads and keeps no ids, so it is
     * fed a score once, when the score is stored; a crash between storing and publishing loses that observation, as
     * a crash loses the watch's last unsaved seconds anyway, rather than feeding every replayed score twice.
     */
    public Uni<Void> republish(List<EvaluationScored> events) {
        return send(events.stream().map(this::toScores).toList());
    }

    private Uni<Void> send(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> toScores(EvaluationScored event) {
        return scores.sendMessage(CloudEvents.event(EventType.EVALUATION_SCORED, SOURCE, eventIdFor(event),
                event.jobId(), event.jobId(), event));
    }

    private Uni<Void> toDriftWatch(EvaluationScored event) {
        return byStratum.sendMessage(CloudEvents.event(EventType.EVALUATION_SCORED, SOURCE, eventIdFor(event),
                event.stratum(), event.jobId(), event));
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
