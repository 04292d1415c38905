package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.RoutingAttempt;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.retry.EqualJitterBackoff;
import io.switchboard.worker.provider.retry.RetryPolicy;

/**
 * Sends a job whose call failed, in a way worth another try, to its provider's retry topic, to be called
 * again once its {@code not_before} has come (see {@link RetryDispatch}). The wait happens there, not in the
 * call: the job's provider slot and its dispatch record are freed at once. When to retry is
 * {@link RetryPolicy}'s: the provider's {@code Retry-After} up to a cap, else exponential backoff with jitter.
 */
@ApplicationScoped
public class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);

    private final RetryPolicy policy;
    private final MutinyEmitter<JobDispatched> retries;
    private final MeterRegistry metrics;

    @Inject
    Retries(ProviderConfig config, @Channel("retries") MutinyEmitter<JobDispatched> retries, MeterRegistry metrics) {
        this(new RetryPolicy(config.maxAttempts(), config.maxRetryAfter(),
                new EqualJitterBackoff(config.retryBackoff(), config.maxRetryBackoff(),
                        () -> ThreadLocalRandom.current().nextLong())), retries, metrics);
    }

    Retries(RetryPolicy policy, MutinyEmitter<JobDispatched> retries, MeterRegistry metrics) {
        this.policy = policy;
        this.retries = retries;
        this.metrics = metrics;
    }

    /**
     * The job sent on for another call, when its failure is worth one and calls remain at its target;
     * empty otherwise, and the caller falls back or fails it.
     */
    public Optional<Uni<Void>> retry(JobDispatched job, ProviderOutcome.Failed failed, RoutingAttempt attempt) {
        Optional<Duration> wait = policy.delayAfter(job.attempt(), failed);
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        JobDispatched again = job.retry(attempt.retriedAfter(wait.get().toMillis()), now.plus(wait.get()), now);
        LOG.infof("job %s: call %d at %s failed (%s), calling again in %d ms", job.jobId(), job.attempt(),
                job.provider(), failed.code(), wait.get().toMillis());
        metrics.counter("switchboard.worker.retries", "provider", job.provider(), "error_code", java.util.Objects.toString(failed.code(), "unknown"))
                .increment();
        return Optional.of(retries.sendMessage(CloudEvents.event(EventType.JOB_DISPATCHED, DispatchHandler.SOURCE,
                UUID.randomUUID().toString(), again.partitionKey(), again.jobId(),
                Topic.retryTopicName(again.provider()), again)));
    }
}
