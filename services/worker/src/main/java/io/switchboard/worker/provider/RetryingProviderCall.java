package io.switchboard.worker.provider;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.stream.ChunkRelays;

/**
 * Calls the provider until it answers, a failure is not worth retrying, or the attempts run out.
 * A 429's {@code Retry-After} is honoured (up to a cap); otherwise the wait doubles each time.
 */
@ApplicationScoped
public class RetryingProviderCall {

    private static final Logger LOG = Logger.getLogger(RetryingProviderCall.class);

    private final ProviderClient client;
    private final ChunkRelays relays;
    private final ProviderConfig config;

    RetryingProviderCall(ProviderClient client, ChunkRelays relays, ProviderConfig config) {
        this.client = client;
        this.relays = relays;
        this.config = config;
    }

    public Uni<ProviderOutcome> call(JobDispatched job) {
        return attempt(job, 1);
    }

    private Uni<ProviderOutcome> attempt(JobDispatched job, int attempt) {
        // each attempt streams under its own id: a caller can tell a retry's chunks from an earlier attempt's
        Uni<ProviderOutcome> call = job.request().streamed() ? client.stream(job, relays.open(job)) : client.complete(job);
        return call.chain(outcome -> {
            if (outcome instanceof ProviderOutcome.Failed failed && failed.retryable() && attempt < config.maxAttempts()) {
                Duration wait = waitBefore(attempt, failed);
                LOG.infof("job %s: attempt %d at %s failed (%s), retrying in %d ms", job.jobId(), attempt,
                        config.provider(), failed.code(), wait.toMillis());
                return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> attempt(job, attempt + 1));
            }
            return Uni.createFrom().item(outcome);
        });
    }

    Duration waitBefore(int attempt, ProviderOutcome.Failed failed) {
        if (failed.retryAfter() != null) {
            return failed.retryAfter().compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : failed.retryAfter();
        }
        return config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    }
}
