package io.switchboard.evaluator.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.watch.AlertPublisher;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Raises {@code EVALUATOR_STALLED} for a stratum whose succeeded results have waited longer than
 * {@code liveness.stall-after} with no evaluation of the stratum completing, one open alarm per stratum. The stall
 * ends when an evaluation of the stratum completes again: the contracts have no kind to clear it with (a new kind is
 * a new topic version), so its end is logged and shows in the gauge {@code switchboard.evaluator.stalled.strata},
 * and a later stall of the stratum raises a new alarm.
 *
 * <p>One replica checks at a time (an advisory lock, taken in the check's transaction). The alarm is published
 * before the transaction that marks it open commits: a failure in between raises it again, never loses it.
 */
@ApplicationScoped
public class StallWatch {

    private static final Logger LOG = Logger.getLogger(StallWatch.class);

    private final LivenessLedger ledger;
    private final AlertPublisher alerts;
    private final Duration stallAfter;
    private final Clock clock;
    private final AtomicLong stalled = new AtomicLong();

    @Inject
    StallWatch(LivenessLedger ledger, AlertPublisher alerts, LivenessConfig config, MeterRegistry metrics) {
        this(ledger, alerts, config.stallAfter(), Clock.systemUTC());
        metrics.gauge("switchboard.evaluator.stalled.strata", stalled);
    }

    StallWatch(LivenessLedger ledger, AlertPublisher alerts, Duration stallAfter, Clock clock) {
        this.ledger = ledger;
        this.alerts = alerts;
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    @Scheduled(every = "${switchboard.evaluator.liveness.check-every}", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> check() {
        Instant now = clock.instant();
        return ledger.alone(connection -> ledger.clearResumed(connection)
                .invoke(resumed -> resumed.forEach(r -> LOG.infof("evaluations of %s resumed at %s; stall alarm %s "
                        + "cleared", r.stratum(), r.evaluatedAt(), r.alarmId())))
                .chain(() -> ledger.waitingSince(connection, now.minus(stallAfter)))
                .chain(waiting -> raise(connection, waiting, now))
                .chain(() -> ledger.openStalls(connection))
                .invoke(stalled::set)
                .replaceWithVoid())
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("liveness check failed, next one in its time: %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> raise(SqlConnection connection, List<LivenessLedger.Waiting> waiting, Instant now) {
        return Multi.createFrom().iterable(waiting)
                .onItem().transformToUniAndConcatenate(stall -> {
                    QualityAlert alert = alertFor(stall, now);
                    return alerts.publish(alert)
                            .chain(() -> ledger.markStalled(connection, stall.stratum(), alert.alarmId(), now))
                            .invoke(() -> LOG.warnf("evaluator stalled: %s; alarm %s", alert.detail(),
                                    alert.alarmId()));
                })
                .collect().asList()
                .replaceWithVoid();
    }

    private QualityAlert alertFor(LivenessLedger.Waiting stall, Instant now) {
        String detail = "no evaluation of %s completed for results waiting since %s (more than %s); last evaluation %s"
                .formatted(stall.stratum().key(), stall.waitingSince(), stallAfter,
                        stall.lastEvaluatedAt() == null ? "none seen" : "at " + stall.lastEvaluatedAt());
        return new QualityAlert(EventType.SCHEMA_VERSION, "alarm_" + UUID.randomUUID().toString().replace("-", ""),
                QualityAlertKind.EVALUATOR_STALLED, stall.stratum().tenantId(), stall.stratum().route(),
                stall.stratum().model(), stall.stratum().variant(), null, null, null, null, null,
                stall.waitingSince(), null, null, detail, now);
    }
}
