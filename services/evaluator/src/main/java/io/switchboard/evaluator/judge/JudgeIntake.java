package io.switchboard.evaluator.judge;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.EvaluatorConfig;

/** Hands a sampled result to the judges in use: one task per judge, worked later by the {@link JudgeRunner}. */
@ApplicationScoped
public class JudgeIntake {

    private final boolean enabled;
    private final RubricsInUse rubrics;
    private final JudgeQueue queue;

    JudgeIntake(EvaluatorConfig config, RubricsInUse rubrics, JudgeQueue queue) {
        this.enabled = config.judge().enabled();
        this.rubrics = rubrics;
        this.queue = queue;
    }

    public Uni<Void> enqueue(JobCompleted result, double samplingProbability) {
        if (!enabled || result.assistantContent() == null) {
            return Uni.createFrom().voidItem();
        }
        return queue.enqueue(result, rubrics.current(), samplingProbability, Instant.now());
    }
}
