package io.switchboard.worker.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.RetryingProviderCall;

/**
 * Serves one dispatched job: marks it running, calls the provider, then publishes its token usage and
 * its result. Usage goes first and carries an id derived from the job, so a crash between the two
 * writes leads to a redelivery that bills nothing twice. The dispatch offset is committed last.
 */
@ApplicationScoped
public class DispatchHandler {

    static final String SOURCE = "/switchboard/worker";
    private static final Logger LOG = Logger.getLogger(DispatchHandler.class);

    private final RetryingProviderCall provider;
    private final Cancellations cancellations;
    private final MutinyEmitter<JobStatusChanged> statuses;
    private final MutinyEmitter<TokensUsed> usage;
    private final MutinyEmitter<JobCompleted> results;
    private final MeterRegistry metrics;

    DispatchHandler(RetryingProviderCall provider, Cancellations cancellations,
            @Channel("job-status") MutinyEmitter<JobStatusChanged> statuses,
            @Channel("usage") MutinyEmitter<TokensUsed> usage, @Channel("results") MutinyEmitter<JobCompleted> results,
            MeterRegistry metrics) {
        this.provider = provider;
        this.cancellations = cancellations;
        this.statuses = statuses;
        this.usage = usage;
        this.results = results;
        this.metrics = metrics;
    }

    @Incoming("dispatch")
    public Uni<Void> handle(JobDispatched job) {
        long started = System.nanoTime();
        return cancellations.isCancelled(job.jobId()).chain(cancelled -> cancelled
                ? skipCancelled(job)
                : markRunning(job)
                        .chain(() -> provider.call(job))
                        .chain(outcome -> publish(job, outcome, (System.nanoTime() - started) / 1_000_000)));
    }

    /** A job its tenant cancelled costs no provider call; it completes as failed so sessions move on. */
    private Uni<Void> skipCancelled(JobDispatched job) {
        LOG.infof("job %s was cancelled by its tenant; not calling %s", job.jobId(), job.provider());
        return publishResult(JobCompleted.failed(job.jobId(), job.tenantId(), job.sessionId(), job.request(),
                job.provider(), job.providerModel(), new JobError("cancelled", "The job was cancelled."), 0,
                Instant.now()));
    }

    private Uni<Void> markRunning(JobDispatched job) {
        JobStatusChanged running = JobStatusChanged.of(job.jobId(), job.tenantId(), job.request().model(),
                JobStatus.RUNNING, Instant.now());
        return statuses.sendMessage(CloudEvents.event(EventType.JOB_STATUS_CHANGED, SOURCE, job.jobId(), job.jobId(),
                running));
    }

    private Uni<Void> publish(JobDispatched job, ProviderOutcome outcome, long latencyMs) {
        return switch (outcome) {
            case ProviderOutcome.Completed completed -> publishUsage(job, completed.completion(), latencyMs)
                    .chain(() -> publishResult(JobCompleted.succeeded(job, completed.completion(), latencyMs,
                            Instant.now())));
            case ProviderOutcome.Failed failed -> {
                LOG.warnf("job %s failed at provider %s: %s (HTTP %d)", job.jobId(), job.provider(), failed.code(),
                        failed.httpStatus());
                yield publishResult(JobCompleted.failed(job.jobId(), job.tenantId(), job.sessionId(), job.request(),
                        job.provider(), job.providerModel(), new JobError(failed.code(), failed.message()), latencyMs,
                        Instant.now()));
            }
        };
    }

    private Uni<Void> publishUsage(JobDispatched job, JsonNode completion, long latencyMs) {
        JsonNode counts = completion.path("usage");
        if (!counts.isObject()) {
            LOG.warnf("job %s: provider %s returned no usage; nothing to bill", job.jobId(), job.provider());
            return Uni.createFrom().voidItem();
        }
        int prompt = counts.path("prompt_tokens").asInt();
        int completionTokens = counts.path("completion_tokens").asInt();
        int total = counts.path("total_tokens").asInt(prompt + completionTokens);
        TokensUsed event = TokensUsed.of(job, prompt, completionTokens, total, latencyMs, Instant.now());
        metrics.counter("switchboard.worker.tokens", "provider", job.provider(), "kind", "prompt").increment(prompt);
        metrics.counter("switchboard.worker.tokens", "provider", job.provider(), "kind", "completion")
                .increment(completionTokens);
        // keyed by tenant: one tenant's usage stays ordered on one partition, for budget checks
        return usage.sendMessage(CloudEvents.event(EventType.TOKENS_USED, SOURCE, TokensUsed.eventIdFor(job.jobId()),
                job.tenantId(), job.jobId(), event));
    }

    private Uni<Void> publishResult(JobCompleted result) {
        metrics.counter("switchboard.worker.jobs", "status", result.status().wireName()).increment();
        return results.sendMessage(CloudEvents.event(EventType.JOB_COMPLETED, SOURCE, UUID.randomUUID().toString(),
                result.jobId(), result.jobId(), result));
    }
}
