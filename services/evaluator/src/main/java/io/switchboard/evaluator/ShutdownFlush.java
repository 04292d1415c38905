package io.switchboard.evaluator;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.liveness.EvaluationFlush;
import io.switchboard.evaluator.traffic.TrafficFlush;
import io.switchboard.evaluator.watch.QualityWatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * As the process stops: pauses every incoming channel, then writes what the scheduled flushes hold in memory once
 * more. The records that state came from are acknowledged already, so drift detectors' changes, traffic counts and
 * evaluations seen since the last flush would otherwise be lost with the process. Pausing first matters because
 * Quarkus closes the database pool before the Kafka consumers: records taken in after the last flush would be
 * counted into memory no one writes any more; paused, they stay unacknowledged for the partitions' next owner.
 * Runs on {@link ShutdownEvent}, before the pool closes; bounded, so a database that does not answer cannot hold
 * the shutdown.
 */
@ApplicationScoped
class ShutdownFlush {

    private static final Logger LOG = Logger.getLogger(ShutdownFlush.class);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final QualityWatch watch;
    private final TrafficFlush traffic;
    private final EvaluationFlush evaluations;
    private final ChannelRegistry channels;
    private final Vertx vertx;

    ShutdownFlush(QualityWatch watch, TrafficFlush traffic, EvaluationFlush evaluations, ChannelRegistry channels,
            Vertx vertx) {
        this.channels = channels;
        this.vertx = vertx;
        this.watch = watch;
        this.traffic = traffic;
        this.evaluations = evaluations;
    }

    void flush(@Observes ShutdownEvent shutdown) {
        for (String channel : channels.getIncomingNames()) {
            PausableChannel pausable = channels.getPausable(channel);
            if (pausable != null) {
                pausable.pause();
            }
        }
        try {
            // the stores need a Vert.x context, which the thread that stops the application does not have
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            Uni.createFrom().deferred(() -> Uni.join().all(watch.saveChanged(), traffic.flush(), evaluations.flush())
                    .andCollectFailures())
                    .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                    .await().atMost(LIMIT);
            LOG.info("consumers paused; drift detectors, traffic counts and evaluations seen written before stopping");
        } catch (RuntimeException e) {
            LOG.warnf("what was held in memory was not all written before stopping: %s", e.toString());
        }
    }
}
