package io.switchboard.ingress.jobs;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.CancellationMarks;

/**
 * Jobs answered 503 because Kafka did not acknowledge them in time. Such a record can still reach the broker
 * later, publish-timeout above the producer's timeouts notwithstanding: under a broker restart FaultIT saw 198 of
 * 222 jobs answered 503 run and get billed (where they waited, emitter or producer, is not pinned down). Each is
 * marked cancelled, as a tenant's cancellation is, so a late write completes as {@code cancelled} without a
 * provider call or a bill, and the caller's retry is the only run. When Redis cannot take the mark, the late job
 * runs as before.
 */
@ApplicationScoped
public class UnacceptedJobs {

    private static final Logger LOG = Logger.getLogger(UnacceptedJobs.class);
    private static final Duration MARK_RETENTION = Duration.ofDays(1);

    private final ReactiveRedisDataSource redis;

    UnacceptedJobs(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> disown(String jobId, String tenantId) {
        return redis.value(String.class).setex(CancellationMarks.keyOf(jobId), MARK_RETENTION.toSeconds(), tenantId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("job %s answered 503 but not marked cancelled (%s); written late, it would run",
                            jobId, failure.toString());
                    return null;
                });
    }
}
