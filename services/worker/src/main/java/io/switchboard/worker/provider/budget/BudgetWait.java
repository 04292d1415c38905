package io.switchboard.worker.provider.budget;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.worker.provider.keys.ProviderKey;

/**
 * Waits, without holding a thread, until one of a call's keys has budget, then reserves it: a call made
 * without budget would only collect a 429. Gives up after {@code rate-limit.max-wait}. When Redis cannot
 * answer, the call goes ahead on the first key unrecorded: the provider's own 429s and their retries still
 * protect it, and a worker that stops when Redis does would be worse.
 */
@ApplicationScoped
public class BudgetWait {

    private static final Logger LOG = Logger.getLogger(BudgetWait.class);
    /** Spread for waiters woken by the same expiry, so that they do not all ask Redis in the same millisecond. */
    private static final long WAKE_SPREAD_MS = 50;

    private final KeyBudget budget;
    private final Duration maxWait;
    private final MeterRegistry metrics;

    @Inject
    BudgetWait(KeyBudget budget, RateLimitConfig config, MeterRegistry metrics) {
        this(budget, config.maxWait(), metrics);
    }

    public BudgetWait(KeyBudget budget, Duration maxWait, MeterRegistry metrics) {
        this.budget = budget;
        this.maxWait = maxWait;
        this.metrics = metrics;
    }

    /** Thrown (as a failure of the Uni) when no key had budget within the longest wait. */
    public static final class NoBudget extends RuntimeException {
        public NoBudget(Duration waited) {
            super("no provider key had budget within " + waited.toMillis() + " ms", null, false, false);
        }
    }

    /** A reservation on one of {@code keys}, or a {@link NoBudget} failure after the longest wait. */
    public Uni<Reservation> reserve(List<ProviderKey> keys, int tokens) {
        long started = System.nanoTime();
        return attempt(keys, tokens, started + maxWait.toNanos())
                .invoke(reserved -> {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started);
                    metrics.timer("switchboard.worker.rate_limit.wait", "key", reserved.key().name()).record(waited);
                });
    }

    private Uni<Reservation> attempt(List<ProviderKey> keys, int tokens, long deadline) {
        return budget.reserve(keys, tokens)
                .onFailure(failure -> !(failure instanceof NoBudget)).recoverWithItem(failure -> {
                    LOG.warnf("key budget not reachable in Redis (%s); calling on key %s unrecorded",
                            failure.toString(), keys.getFirst().name());
                    return new KeyBudget.Attempt.Reserved(new Reservation(keys.getFirst(),
                            UUID.randomUUID().toString(), tokens, false));
                })
                .chain(answer -> switch (answer) {
                    case KeyBudget.Attempt.Reserved reserved -> Uni.createFrom().item(reserved.reservation());
                    case KeyBudget.Attempt.Wait wait -> later(keys, tokens, deadline, wait.retryIn());
                });
    }

    private Uni<Reservation> later(List<ProviderKey> keys, int tokens, long deadline, Duration wait) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            metrics.counter("switchboard.worker.rate_limit.exhausted").increment();
            return Uni.createFrom().failure(new NoBudget(maxWait));
        }
        long sleepNanos = Math.min(left, wait.toNanos()
                + Duration.ofMillis(ThreadLocalRandom.current().nextLong(WAKE_SPREAD_MS + 1)).toNanos());
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(sleepNanos))
                .chain(() -> attempt(keys, tokens, deadline));
    }
}
