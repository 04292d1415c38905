package io.switchboard.evaluator.checks;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/** How long the job took at the worker, provider call included, in milliseconds: slower than baseline is worse. */
@ApplicationScoped
public class LatencyCheck implements QualityCheck {

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        return Verdict.measured(result.latencyMs(), result.latencyMs() + " ms");
    }
}
