package io.switchboard.ingress.chat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;

/** The synchronous callers of this replica waiting for their job's outcome, by job id. */
@ApplicationScoped
public class ReplyRegistry {

    private final Map<String, CompletableFuture<JobOutcome>> waiting = new ConcurrentHashMap<>();

    /** Starts waiting; call it before the job is published, so that its outcome cannot slip past. */
    public CompletableFuture<JobOutcome> expect(String jobId) {
        return waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    public Uni<JobOutcome> outcomeOf(String jobId) {
        return Uni.createFrom().completionStage(expect(jobId));
    }

    public void forget(String jobId) {
        waiting.remove(jobId);
    }

    /** Completes the caller of this job, if it waits on this replica; other replicas' jobs are ignored. */
    void deliver(JobCompleted result) {
        CompletableFuture<JobOutcome> caller = waiting.remove(result.jobId());
        if (caller != null) {
            caller.complete(JobOutcome.of(result));
        }
    }
}
