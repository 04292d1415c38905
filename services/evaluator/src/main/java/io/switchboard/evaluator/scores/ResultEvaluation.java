package io.switchboard.evaluator.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;

/**
 * Scores sampled succeeded results: stores the verdicts, publishes them, and only then lets the result's
 * offset be committed. Records that fail to parse go to the topic's dead-letter topic (see
 * application.properties).
 */
@ApplicationScoped
public class ResultEvaluation {

    private static final Logger LOG = Logger.getLogger(ResultEvaluation.class);

    private final Sampler sampler;
    private final Scoring scoring;
    private final ScoreStore store;
    private final ScorePublisher publisher;

    ResultEvaluation(Sampler sampler, Scoring scoring, ScoreStore store, ScorePublisher publisher) {
        this.sampler = sampler;
        this.scoring = scoring;
        this.store = store;
        this.publisher = publisher;
    }

    @Incoming("results")
    public Uni<Void> onJobCompleted(JobCompleted result) {
        if (result.status() != JobStatus.SUCCEEDED || !sampler.sampled(result.jobId())) {
            return Uni.createFrom().voidItem();
        }
        List<EvaluationScored> scores = scoring.score(result, Instant.now());
        // What is stored wins over what was just computed: a redelivery republishes the original scores.
        return withRetries(store.save(result.jobId(), scores)
                .map(stored -> stored.stream().map(ScoreRecord::toEvent).toList())
                .call(publisher::publish))
                .invoke(stored -> LOG.debugf("job %s of tenant %s scored: %d checks, %d failed", result.jobId(),
                        result.tenantId(), stored.size(), stored.stream().filter(s -> !s.passed()).count()))
                .onFailure().invoke(failure -> LOG.errorf("job %s of tenant %s not scored, sent to the dead-letter "
                        + "topic: %s", result.jobId(), result.tenantId(), failure.toString()))
                .replaceWithVoid();
    }

    /**
     * A database or broker hiccup must not send a good result to the dead-letter topic: retry first.
     * Retrying is safe because storing is idempotent and republished events keep their ids.
     */
    private static <T> Uni<T> withRetries(Uni<T> work) {
        return work.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
