package io.switchboard.ingress.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CancellationMarks;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.callbacks.CallbackStore;
import io.switchboard.ingress.limits.RateLimiter;

/**
 * Cancels a tenant's unfinished job: the job view says so at once (and no later outcome changes it),
 * the workers find the job's mark in Redis and skip the provider call, and the cancellation is
 * published for everyone else. A provider call already under way finishes, and its tokens are billed.
 */
@ApplicationScoped
public class JobCancellation {

    private static final Duration MARK_RETENTION = Duration.ofDays(1);

    private final JobStore jobs;
    private final ReactiveRedisDataSource redis;
    private final MutinyEmitter<JobStatusChanged> statuses;
    private final RateLimiter limiter;
    private final CallbackStore callbacks;
    private final BudgetGuard budgets;

    JobCancellation(BudgetGuard budgets, JobStore jobs, ReactiveRedisDataSource redis,
            @Channel("job-status-out") MutinyEmitter<JobStatusChanged> statuses, RateLimiter limiter,
            CallbackStore callbacks) {
        this.budgets = budgets;
        this.callbacks = callbacks;
        this.jobs = jobs;
        this.redis = redis;
        this.statuses = statuses;
        this.limiter = limiter;
    }

    public Uni<JobView> cancel(String jobId, String tenantId) {
        return jobs.findForTenant(jobId, tenantId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No job found with id '" + jobId + "'.",
                        "job_not_found"))
                .chain(job -> {
                    if ("cancelled".equals(job.status)) {
                        return Uni.createFrom().item(job);
                    }
                    JobStatusChanged cancelled = JobStatusChanged.of(jobId, tenantId, job.model, JobStatus.CANCELLED,
                            Instant.now());
                    return jobs.cancelUnfinished(jobId, tenantId, cancelled.at())
                            .invoke(done -> {
                                if (!done) {
                                    throw new ApiException(409, "invalid_request_error", "Job '" + jobId
                                            + "' has already finished and cannot be cancelled.", null,
                                            "job_not_cancellable", null);
                                }
                            })
                            .chain(() -> redis.value(String.class).setex(CancellationMarks.keyOf(jobId),
                                    MARK_RETENTION.toSeconds(), tenantId))
                            .chain(() -> statuses.sendMessage(CloudEvents.event(EventType.JOB_STATUS_CHANGED,
                                    JobIntake.SOURCE, UUID.randomUUID().toString(), jobId, jobId, cancelled)))
                            .chain(() -> limiter.settle(tenantId, jobId, null))
                            // a queued job makes no provider call now; a running one's call is billed, and its
                            // settlement (or the sweeper) releases the reservation then
                            .chain(() -> "queued".equals(job.status) ? budgets.release(jobId) : Uni.createFrom().voidItem())
                            .chain(() -> callbacks.markDue(jobId))
                            .chain(() -> jobs.findForTenant(jobId, tenantId));
                })
                .map(JobView::of);
    }
}
