package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.scores.ScorePublisher;
import io.switchboard.evaluator.scores.ScoreRecord;
import io.switchboard.evaluator.scores.ScoreStore;

/**
 * Turns a judge's reply into the job's score: stored, then published (to analysts and the drift watch) when it
 * measured something; stored as unmeasured, and never published, when it did not.
 */
@ApplicationScoped
public class JudgeVerdicts {

    private final ScoreStore store;
    private final ScorePublisher publisher;
    private final MeterRegistry metrics;

    JudgeVerdicts(ScoreStore store, ScorePublisher publisher, MeterRegistry metrics) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public Uni<Void> record(JudgeTask task, Rubric rubric, JudgeReply reply, Instant at) {
        return switch (reply) {
            case JudgeReply.Measured measured -> {
                EvaluationScored score = event(task, rubric, rubric.passes(measured.score()),
                        rubric.normalized(measured.score()), measured.reasoning(), measured.score(), at);
                yield store.saveOne(score)
                        .chain(this::publishUnlessUnmeasured)
                        .invoke(() -> count(rubric, "measured"));
            }
            case JudgeReply.Compared compared -> store
                    .saveOne(event(task, rubric, compared.outcome() == JudgeReply.Outcome.WIN, compared.outcome().score(),
                            "vs " + compared.opponent() + ": " + compared.outcome().wireName() + "; "
                                    + compared.reasoning(), null, at))
                    .chain(this::publishUnlessUnmeasured)
                    .invoke(() -> count(rubric, compared.outcome().wireName()));
            case JudgeReply.Preferred preferred -> throw new IllegalArgumentException(
                    "a preference in one order is not a verdict; settle both orders first");
            case JudgeReply.Unmeasured unmeasured -> store
                    .saveUnmeasured(event(task, rubric, false, 0, "unmeasured: " + unmeasured.reason(), null, at))
                    .invoke(() -> count(rubric, "unmeasured"))
                    .replaceWithVoid();
        };
    }

    /**
     * What is stored wins: a task judged again after its first verdict was stored republishes that verdict, and an
     * unmeasured one stays unpublished (never a 0 on the topics).
     */
    private Uni<Void> publishUnlessUnmeasured(ScoreRecord stored) {
        return stored.unmeasured ? Uni.createFrom().voidItem() : publisher.publish(List.of(stored.toEvent()));
    }

    private static EvaluationScored event(JudgeTask task, Rubric rubric, boolean passed, double score, String detail,
            Double value, Instant at) {
        return new EvaluationScored(EventType.SCHEMA_VERSION, task.jobId(), task.tenantId(), task.model(),
                rubric.checkName(), passed, score, detail, at, task.route(), task.variant(), value, rubric.version,
                task.samplingProbability());
    }

    private void count(Rubric rubric, String outcome) {
        metrics.counter("switchboard.evaluator.judge.verdicts", "criterion", rubric.criterion, "outcome", outcome)
                .increment();
    }
}
