package io.switchboard.evaluator.sampling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.spend.JudgeSpend;
import io.switchboard.evaluator.traffic.Hours;
import io.switchboard.evaluator.traffic.Stratum;

/**
 * Decides which succeeded results the LLM judge sees: a result is sampled when the salted hash of its job id
 * ({@link SamplePosition}) falls below its stratum's frozen rate for the hour it completed in ({@link RateBook}).
 * Every replica and every replay decides alike, except while a judge spend cap is reached: then the floor-only rate
 * applies (a subset of the normal sample, as positions do not move), and the probability recorded is that one.
 * The judge's own results are never sampled.
 */
@ApplicationScoped
public class JudgeSampler {

    private final RateBook rates;
    private final JudgeSpend spend;
    private final String salt;
    private final String judgeTenant;

    @Inject
    JudgeSampler(RateBook rates, JudgeSpend spend, SamplingConfig sampling, EvaluatorConfig evaluator) {
        this(rates, spend, sampling.salt(), evaluator.judge().tenant());
    }

    JudgeSampler(RateBook rates, JudgeSpend spend, String salt, String judgeTenant) {
        this.rates = rates;
        this.spend = spend;
        this.salt = salt;
        this.judgeTenant = judgeTenant;
    }

    public Uni<SamplingDecision> decide(JobCompleted result) {
        String stratum = Stratum.of(result).key();
        if (result.status() != JobStatus.SUCCEEDED || judgeTenant.equals(result.tenantId())) {
            return Uni.createFrom().item(new SamplingDecision(false, 0.0, stratum));
        }
        double position = SamplePosition.of(salt, result.jobId());
        return rates.rateOf(stratum, Hours.of(result.completedAt())).map(rate -> {
            double probability = rate.rate(spend.exhausted(result.tenantId()));
            return new SamplingDecision(position < probability, probability, stratum);
        });
    }
}
