package io.switchboard.evaluator;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * How a consumer's work on a record meets failure. A database or broker hiccup must not send a good record to the
 * dead-letter topic, so it is retried (the consumers' work is idempotent: stores skip what they hold, republished
 * events keep their ids). Once the process is stopping, a failure comes from the pools closing under the work:
 * retrying is pointless and dead-lettering would lose a good record, so the record is left unacknowledged and its
 * offset uncommitted, for the partition's next owner.
 */
@ApplicationScoped
public class ConsumerAttempts {

    private final StopSignal stop;
    private final Duration firstBackOff;
    private final int retries;

    @Inject
    ConsumerAttempts(StopSignal stop) {
        this(stop, Duration.ofMillis(200), 8);
    }

    ConsumerAttempts(StopSignal stop, Duration firstBackOff, int retries) {
        this.stop = stop;
        this.firstBackOff = firstBackOff;
        this.retries = retries;
    }

    /** The work, retried on failure while the process runs; never ending once a failure meets a stopping process. */
    public <T> Uni<T> guard(Uni<T> work) {
        return heldIfStopping(work.onFailure(failure -> !stop.stopping()).retry()
                .withBackOff(firstBackOff, Duration.ofSeconds(5)).atMost(retries));
    }

    /** For work that must not run twice: no retries, but a failure while stopping still leaves the record be. */
    public <T> Uni<T> heldIfStopping(Uni<T> work) {
        return work.onFailure(failure -> stop.stopping()).recoverWithUni(failure -> Uni.createFrom().nothing());
    }
}
