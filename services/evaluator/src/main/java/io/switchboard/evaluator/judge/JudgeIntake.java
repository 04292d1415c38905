package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.sampling.JudgeSampler;
import io.switchboard.evaluator.scores.Sampler;

/**
 * Hands a sampled result to the judges in use: one task per judge, worked later by the {@link JudgeRunner}; to a
 * pairwise judge only a job of one of the two variants it compares.
 */
@ApplicationScoped
public class JudgeIntake {

    private final boolean enabled;
    private final RubricsInUse rubrics;
    private final JudgeQueue queue;
    private final JudgeSampler sampler;
    private final double scoredShare;

    JudgeIntake(EvaluatorConfig config, RubricsInUse rubrics, JudgeQueue queue, JudgeSampler sampler,
            Sampler scored) {
        this.enabled = JudgesOn.in(config);
        this.rubrics = rubrics;
        this.queue = queue;
        this.sampler = sampler;
        this.scoredShare = scored.rate();
    }

    /**
     * Queues the result for the judges if the stratified sampler picks it, with the probability it had: only
     * results the deterministic checks' sampler took come here, so the two draws (independent hashes of the job id,
     * one salted) multiply.
     */
    public Uni<Void> consider(JobCompleted result) {
        if (!enabled || result.assistantContent() == null || rubrics.current().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sampler.decide(result).chain(decision -> decision.sampled()
                ? enqueue(result, scoredShare * decision.probability())
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> enqueue(JobCompleted result, double samplingProbability) {
        String route = result.routing() == null ? null : result.routing().route();
        String variant = result.routing() == null ? null : result.routing().variant();
        List<Rubric> judges = rubrics.current().stream()
                .filter(rubric -> !rubric.pairwise() || (result.prompt() != null && rubric.compares(route, variant)))
                .toList();
        return queue.enqueue(result, judges, samplingProbability, Instant.now());
    }
}
