package io.switchboard.evaluator.scores;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.evaluator.ConsumerAttempts;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.judge.JudgeIntake;

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
    private final JudgeIntake judges;
    private final ConsumerAttempts attempts;
    private final String judgesTenant;

    ResultEvaluation(Sampler sampler, Scoring scoring, ScoreStore store, ScorePublisher publisher, JudgeIntake judges,
            ConsumerAttempts attempts, EvaluatorConfig config) {
        this.sampler = sampler;
        this.scoring = scoring;
        this.store = store;
        this.publisher = publisher;
        this.judges = judges;
        this.attempts = attempts;
        this.judgesTenant = config.judge().tenant();
    }

    @Incoming("results")
    public Uni<Void> onJobCompleted(JobCompleted result) {
        // the judges' own answers are judged by no one: their quality is watched through calibration
        if (result.status() != JobStatus.SUCCEEDED || judgesTenant.equals(result.tenantId())
                || !sampler.sampled(result.jobId())) {
            return Uni.createFrom().voidItem();
        }
        List<EvaluationScored> scores = scoring.score(result, Instant.now());
        Set<String> checks = scores.stream().map(EvaluationScored::check).collect(Collectors.toSet());
        // What is stored wins over what was just computed: a redelivery republishes the original scores (only
        // those of these checks: the judges publish their own), and only to the scores topic (ScorePublisher)
        return attempts.guard(store.save(result.jobId(), scores)
                .call(saved -> publish(saved, checks))
                .call(() -> judges.consider(result)))
                .invoke(saved -> LOG.debugf("job %s of tenant %s scored: %d checks, %d stored now", result.jobId(),
                        result.tenantId(), checks.size(), saved.storedNow().size()))
                .onFailure().invoke(failure -> LOG.errorf("job %s of tenant %s not scored, sent to the dead-letter "
                        + "topic: %s", result.jobId(), result.tenantId(), failure.toString()))
                .replaceWithVoid();
    }

    private Uni<Void> publish(ScoreStore.Saved saved, Set<String> checks) {
        List<EvaluationScored> now = saved.stored().stream()
                .filter(row -> checks.contains(row.checkName) && saved.storedNow(row))
                .map(ScoreRecord::toEvent).toList();
        List<EvaluationScored> before = saved.stored().stream()
                .filter(row -> checks.contains(row.checkName) && !saved.storedNow(row))
                .map(ScoreRecord::toEvent).toList();
        return publisher.publish(now).chain(() -> publisher.republish(before));
    }
}
