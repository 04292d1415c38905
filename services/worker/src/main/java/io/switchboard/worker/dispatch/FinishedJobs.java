package io.switchboard.worker.dispatch;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * The jobs whose result is on {@code switchboard.results.v1}, marked in Redis once the broker acknowledged
 * it. Offsets are committed a few seconds after jobs finish, so a worker that crashes, or a router that
 * routes again after a crash, hands finished jobs out a second time: the mark lets the worker skip them
 * instead of calling the provider again and publishing a second result.
 *
 * <p>A job is marked only when finished, never when started: a worker killed mid-call leaves no mark, and
 * the redelivered job is served, since that call's answer died with the worker. When Redis cannot answer,
 * the job is served: a duplicate beats a lost job.
 */
@ApplicationScoped
public class FinishedJobs {

    private static final Logger LOG = Logger.getLogger(FinishedJobs.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than any topic a job can be redelivered from keeps it (dispatch: 3 days, requests: 7). */
    private static final Duration KEPT = Duration.ofDays(8);

    private final ReactiveValueCommands<String, String> values;

    FinishedJobs(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    static String keyOf(String jobId) {
        return "sb:job-finished:" + jobId;
    }

    public Uni<Boolean> isFinished(String jobId) {
        return values.get(keyOf(jobId)).map(mark -> mark != null)
                .ifNoItem().after(LOOKUP_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not check whether job %s is finished (%s); serving it", jobId, failure.toString());
                    return false;
                });
    }

    public Uni<Void> markFinished(String jobId, String status) {
        return values.setex(keyOf(jobId), KEPT.toSeconds(), status)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("job %s not marked finished (%s); a redelivery would serve it again", jobId,
                            failure.toString());
                    return null;
                });
    }
}
