package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.retry.EqualJitterBackoff;
import io.switchboard.worker.provider.retry.RetryPolicy;

/**
 * Calls the provider until it answers, a failure is not worth retrying, or the attempts run out. When to
 * retry is {@link RetryPolicy}'s (Retry-After honoured up to a cap, else exponential backoff with equal
 * jitter); each attempt is a {@link ProviderAttempt}: a key with budget, the target's circuit, one call.
 */
@ApplicationScoped
public class RetryingProviderCall {

    private static final Logger LOG = Logger.getLogger(RetryingProviderCall.class);

    private final ProviderAttempt attempts;
    private final ProviderConfig config;
    private final RetryPolicy policy;

    @Inject
    RetryingProviderCall(ProviderAttempt attempts, ProviderConfig config) {
        this(attempts, config, new RetryPolicy(config.maxAttempts(), config.maxRetryAfter(),
                new EqualJitterBackoff(config.retryBackoff(), config.maxRetryBackoff(),
                        () -> ThreadLocalRandom.current().nextLong())));
    }

    RetryingProviderCall(ProviderAttempt attempts, ProviderConfig config, RetryPolicy policy) {
        this.attempts = attempts;
        this.config = config;
        this.policy = policy;
    }

    public Uni<ProviderOutcome> call(JobDispatched job) {
        return attempt(job, 1);
    }

    private Uni<ProviderOutcome> attempt(JobDispatched job, int attempt) {
        return attempts.call(job).chain(outcome -> {
            Optional<Duration> wait = policy.delayAfter(attempt, outcome);
            if (wait.isPresent()) {
                LOG.infof("job %s: attempt %d at %s failed (%s), retrying in %d ms", job.jobId(), attempt,
                        config.provider(), ((ProviderOutcome.Failed) outcome).code(), wait.get().toMillis());
                return Uni.createFrom().voidItem().onItem().delayIt().by(wait.get()).chain(() -> attempt(job, attempt + 1));
            }
            return Uni.createFrom().item(outcome);
        });
    }
}
