package io.switchboard.ingress.chat;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.jobs.JobRecord;
import io.switchboard.ingress.jobs.JobStore;

/**
 * Waits for a job's outcome: pushed by {@link ReplyListener}, or, should that be missed (a replica
 * whose reply consumer was still joining), found in the job view, which is polled as a safety net.
 */
@ApplicationScoped
public class JobOutcomes {

    private static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final ReplyRegistry replies;
    private final JobStore jobs;
    private final ObjectMapper json;

    JobOutcomes(ReplyRegistry replies, JobStore jobs, ObjectMapper json) {
        this.replies = replies;
        this.jobs = jobs;
        this.json = json;
    }

    /** Fails with {@link io.smallrye.mutiny.TimeoutException} when the job is still running after {@code timeout}. */
    public Uni<JobOutcome> await(String jobId, String tenantId, Duration timeout) {
        // A lookup slower than POLL_EVERY (a busy database) must skip the ticks it overlaps: without the
        // drop, the next tick fails the whole wait with a BackPressureFailure, i.e. a 500 to the caller.
        Uni<JobOutcome> fromView = Multi.createFrom().ticks().every(POLL_EVERY)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> jobs.findForTenant(jobId, tenantId))
                .filter(job -> job != null && ("succeeded".equals(job.status) || "failed".equals(job.status)))
                .map(this::outcomeOf)
                .toUni();
        return Uni.combine().any().of(replies.outcomeOf(jobId), fromView)
                .ifNoItem().after(timeout).fail()
                .eventually(() -> replies.forget(jobId));
    }

    private JobOutcome outcomeOf(JobRecord job) {
        if (!"succeeded".equals(job.status)) {
            return new JobOutcome(false, null, job.errorCode, job.errorMessage, false);
        }
        try {
            // the job view does not record where an answer came from
            return new JobOutcome(true, json.readTree(job.result), null, null, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result of job " + job.id + " is not JSON", e);
        }
    }
}
