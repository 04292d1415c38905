package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.RoutingAttempt;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.worker.cache.ResponseCache;
import io.switchboard.worker.provider.ProviderAttempt;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderUsage;
import io.switchboard.worker.provider.circuit.TargetCircuits;

/**
 * Serves one dispatched job: marks it running, calls the provider once, then publishes its token usage and
 * its result. Usage goes first and carries an id derived from the job, so a crash between the two
 * writes leads to a redelivery that bills nothing twice. A failed call worth another try goes to the retry
 * topic ({@link Retries}); otherwise a failure the job's route can fall back on sends the job on to the next
 * target's provider. The dispatch offset is committed last; a job whose result is already out (see
 * {@link FinishedJobs}) is not served again.
 */
@ApplicationScoped
public class DispatchHandler {

    static final String SOURCE = "/switchboard/worker";
    private static final Logger LOG = Logger.getLogger(DispatchHandler.class);

    private final ProviderAttempt provider;
    private final Retries retries;
    private final Cancellations cancellations;
    private final MutinyEmitter<JobStatusChanged> statuses;
    private final MutinyEmitter<TokensUsed> usage;
    private final MutinyEmitter<JobCompleted> results;
    private final MutinyEmitter<JobDispatched> fallbacks;
    private final MeterRegistry metrics;
    private final ResponseCache cache;
    private final FinishedJobs finished;
    private final JobSpans spans;

    DispatchHandler(ProviderAttempt provider, Retries retries, Cancellations cancellations, ResponseCache cache,
            FinishedJobs finished, JobSpans spans,
            @Channel("job-status") MutinyEmitter<JobStatusChanged> statuses,
            @Channel("usage") MutinyEmitter<TokensUsed> usage, @Channel("results") MutinyEmitter<JobCompleted> results,
            @Channel("fallbacks") MutinyEmitter<JobDispatched> fallbacks, MeterRegistry metrics) {
        this.provider = provider;
        this.retries = retries;
        this.cancellations = cancellations;
        this.cache = cache;
        this.finished = finished;
        this.statuses = statuses;
        this.usage = usage;
        this.results = results;
        this.fallbacks = fallbacks;
        this.metrics = metrics;
        this.spans = spans;
    }

    /**
     * Serves the job; called by {@link FairDispatch} when the job's turn comes. The two checks that may spare
     * the call ask Redis at once, not one after the other.
     */
    public Uni<Void> handle(JobDispatched job) {
        long started = System.nanoTime();
        return Uni.combine().all().unis(finished.isFinished(job.jobId()), cancellations.isCancelled(job.jobId()))
                .asTuple()
                .chain(checks -> checks.getItem1() ? skipFinished(job)
                        : checks.getItem2() ? skipCancelled(job)
                        : serve(job, started));
    }

    /** Its result is already out: this is a redelivery (a crash before the offset commit, or a re-route). */
    private Uni<Void> skipFinished(JobDispatched job) {
        LOG.infof("job %s already has its result; not calling %s again", job.jobId(), job.provider());
        metrics.counter("switchboard.worker.redeliveries.skipped", "provider", job.provider()).increment();
        return Uni.createFrom().voidItem();
    }

    /**
     * The call does not wait for the broker to take the 'running' status: that status only informs, and the
     * job view orders statuses by rank, so a 'running' that lands after the result changes nothing.
     */
    private Uni<Void> serve(JobDispatched job, long started) {
        return cache.find(job).chain(kept -> kept.isPresent()
                ? answerFromCache(job, kept.get(), (System.nanoTime() - started) / 1_000_000)
                : Uni.combine().all().unis(markRunning(job), provider.call(job)).asTuple()
                        .chain(running -> publish(job, running.getItem2(), (System.nanoTime() - started) / 1_000_000)));
    }

    /** No provider call: the usage says so (spend saved, not spent), and so does the result. */
    private Uni<Void> answerFromCache(JobDispatched job, JsonNode completion, long latencyMs) {
        metrics.counter("switchboard.worker.cache.hits", "route", job.routing().route()).increment();
        TokensUsed saved = ProviderUsage.fromOpenAi(completion.path("usage")).toSavedByCache(job, latencyMs,
                Instant.now());
        return usage.sendMessage(CloudEvents.event(EventType.TOKENS_USED, SOURCE, TokensUsed.eventIdFor(job.jobId()),
                job.tenantId(), job.jobId(), saved))
                .chain(() -> publishResult(JobCompleted.fromCache(job, completion, latencyMs, Instant.now())));
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
                running))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("job %s: status 'running' not published (%s); serving it anyway", job.jobId(),
                            failure.toString());
                    return null;
                });
    }

    private Uni<Void> publish(JobDispatched job, ProviderOutcome outcome, long latencyMs) {
        recordCall(job, outcome, latencyMs);
        return switch (outcome) {
            case ProviderOutcome.Completed completed -> cache.keep(job, completed.completion())
                    .chain(() -> publishUsage(job, completed.completion(), latencyMs))
                    .chain(() -> publishResult(JobCompleted.succeeded(job, completed.completion(), latencyMs,
                            Instant.now())));
            case ProviderOutcome.Failed failed -> failed(job, failed, latencyMs);
        };
    }

    /**
     * Provider latency and errors per target (deploy/prometheus alerts on the error ratio): the outcome is
     * "success" or the failure's error class, a short closed list, so the series stay few.
     */
    private void recordCall(JobDispatched job, ProviderOutcome outcome, long latencyMs) {
        String result = switch (outcome) {
            case ProviderOutcome.Completed completed -> "success";
            case ProviderOutcome.Failed failed -> FailureClass.of(failed).wireName();
        };
        spans.recordOutcome(job, result);
        // the circuit's name of the target, so that the two series join on it
        String target = TargetCircuits.targetOf(job.provider(), job.providerModel());
        Timer.builder("switchboard.worker.provider.calls")
                .description("Calls to a provider target, by outcome: success or the failure's error class")
                .tags("provider", job.provider(), "target", target, "outcome", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(metrics)
                .record(Duration.ofMillis(latencyMs));
    }

    /**
     * A failed call is made again later when worth it and calls remain at the target; else it falls back when
     * the job's route names a target for this kind of failure that has not been tried; otherwise the job
     * fails, every call recorded on the result.
     */
    private Uni<Void> failed(JobDispatched job, ProviderOutcome.Failed failed, long latencyMs) {
        ErrorClass failure = FailureClass.of(failed);
        String target = job.routing() == null ? job.provider() : job.routing().target().name();
        RoutingAttempt attempt = RoutingAttempt.failed(target, failed.code(), failure, latencyMs);
        return retries.retry(job, failed, attempt).orElseGet(() -> fallBackOrFail(job, failed, failure, attempt));
    }

    private Uni<Void> fallBackOrFail(JobDispatched job, ProviderOutcome.Failed failed, ErrorClass failure,
            RoutingAttempt attempt) {
        String target = attempt.target();
        Optional<RouteTarget> next = job.routing() == null ? Optional.empty() : job.routing().fallbackFor(failure);
        if (next.isPresent()) {
            LOG.infof("job %s: %s (%s) at target %s; falling back to %s", job.jobId(), failed.code(),
                    failure.wireName(), target, next.get().name());
            metrics.counter("switchboard.worker.fallbacks", "route", job.routing().route(), "from", target, "to",
                    next.get().name(), "error_class", failure.wireName()).increment();
            JobDispatched moved = job.fallBack(job.routing().fallBackTo(next.get(), attempt), Instant.now());
            return fallbacks.sendMessage(CloudEvents.event(EventType.JOB_DISPATCHED, SOURCE,
                    UUID.randomUUID().toString(), moved.partitionKey(), moved.jobId(), next.get().dispatchTopic(),
                    moved));
        }
        LOG.warnf("job %s failed at provider %s: %s (HTTP %d)", job.jobId(), job.provider(), failed.code(),
                failed.httpStatus());
        return publishResult(JobCompleted.failed(job, new JobError(failed.code(), failed.message()), attempt,
                attempt.latencyMs(), Instant.now()));
    }

    /**
     * The usage event is read from the completion's {@code usage}, which the adapter wrote from the same
     * {@link ProviderUsage} (see {@link ProviderUsage#toOpenAi()}): what the client is shown and what is billed
     * cannot differ.
     */
    private Uni<Void> publishUsage(JobDispatched job, JsonNode completion, long latencyMs) {
        JsonNode counts = completion.path("usage");
        if (!counts.isObject()) {
            LOG.warnf("job %s: provider %s returned no usage; nothing to bill", job.jobId(), job.provider());
            return Uni.createFrom().voidItem();
        }
        TokensUsed event = ProviderUsage.fromOpenAi(counts).toEvent(job, latencyMs, Instant.now());
        spans.recordTokens(job, event.promptTokens(), event.completionTokens());
        metrics.counter("switchboard.worker.tokens", "provider", job.provider(), "kind", "prompt")
                .increment(event.promptTokens());
        metrics.counter("switchboard.worker.tokens", "provider", job.provider(), "kind", "completion")
                .increment(event.completionTokens());
        // keyed by tenant: one tenant's usage stays ordered on one partition, for budget checks
        return usage.sendMessage(CloudEvents.event(EventType.TOKENS_USED, SOURCE, TokensUsed.eventIdFor(job.jobId()),
                job.tenantId(), job.jobId(), event));
    }

    private Uni<Void> publishResult(JobCompleted result) {
        metrics.counter("switchboard.worker.jobs", "provider", String.valueOf(result.provider()), "status",
                result.status().wireName()).increment();
        return results.sendMessage(CloudEvents.event(EventType.JOB_COMPLETED, SOURCE, UUID.randomUUID().toString(),
                result.jobId(), result.jobId(), result))
                .call(() -> finished.markFinished(result.jobId(), result.status().wireName()));
    }
}
