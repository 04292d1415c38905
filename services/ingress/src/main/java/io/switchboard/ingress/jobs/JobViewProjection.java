package io.switchboard.ingress.jobs;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.callbacks.CallbackStore;
import io.switchboard.ingress.limits.RateLimiter;

/**
 * Keeps the job view up to date from the job's events. Offsets are committed only once the row is
 * written; records that fail to parse go to the topic's dead-letter topic (see application.properties).
 */
@ApplicationScoped
public class JobViewProjection {

    private final JobViewUpdates jobs;
    private final RateLimiter limiter;
    private final CallbackStore callbacks;
    private final BudgetGuard budgets;

    JobViewProjection(JobViewUpdates jobs, RateLimiter limiter, CallbackStore callbacks, BudgetGuard budgets) {
        this.jobs = jobs;
        this.limiter = limiter;
        this.callbacks = callbacks;
        this.budgets = budgets;
    }

    @Incoming("job-status")
    public Uni<Void> onStatusChanged(JobStatusChanged event) {
        return withRetries(jobs.recordStatus(event));
    }

    /**
     * Also settles the job under the limits (its in-flight slot is freed, its real tokens counted) and
     * makes its callback, if any, due. A failed job's budget reservation is given back: a failed job publishes
     * no usage, so no ledger flush would release it, and it would hold its budget's room until it expired.
     */
    @Incoming("results")
    public Uni<Void> onJobCompleted(JobCompleted event) {
        JsonNode total = event.completion() == null ? null : event.completion().path("usage").path("total_tokens");
        Integer tokens = total != null && total.isInt() ? total.asInt() : null;
        if (event.status() == JobStatus.FAILED) {
            // not awaited: billing answering slowly must not hold up the job view; the sweeper is the backstop
            budgets.releaseIfReserved(event.tenantId(), event.model(), event.jobId()).subscribe().with(ignored -> {
            });
        }
        return withRetries(jobs.recordOutcome(event)
                .chain(() -> limiter.settle(event.tenantId(), event.jobId(), tokens))
                .chain(() -> callbacks.markDue(event.jobId())));
    }

    /** A database hiccup must not send a good event to the dead-letter topic: retry it first. */
    private static Uni<Void> withRetries(Uni<Void> write) {
        return write.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
