package io.switchboard.worker.dispatch;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.CancellationMarks;

/** Whether a job's tenant cancelled it: the ingress leaves a mark in Redis. */
@ApplicationScoped
public class Cancellations {

    private static final Logger LOG = Logger.getLogger(Cancellations.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;

    Cancellations(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** When Redis cannot say, the job goes ahead: serving a cancelled job beats dropping a live one. */
    public Uni<Boolean> isCancelled(String jobId) {
        return redis.key(String.class).exists(CancellationMarks.keyOf(jobId))
                .ifNoItem().after(LOOKUP_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not check whether job %s was cancelled (%s); serving it", jobId, failure.toString());
                    return false;
                });
    }
}
