package io.switchboard.evaluator.watch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.QualityAlert;

/** Publishes alarms to {@code switchboard.quality.alerts.v1}, keyed by stratum, and counts them. */
@ApplicationScoped
public class AlertPublisher {

    static final String SOURCE = "/switchboard/evaluator";

    private final MutinyEmitter<QualityAlert> alerts;
    private final MeterRegistry metrics;

    AlertPublisher(@Channel("quality-alerts") MutinyEmitter<QualityAlert> alerts, MeterRegistry metrics) {
        this.alerts = alerts;
        this.metrics = metrics;
    }

    public Uni<Void> publish(QualityAlert alert) {
        // the alarm id and kind make the event id: the same alarm published again keeps its event id
        return alerts.sendMessage(CloudEvents.event(EventType.QUALITY_ALERT, SOURCE,
                alert.alarmId() + ":" + alert.kind().wireName(), alert.partitionKey(), alert.alarmId(), alert))
                .invoke(() -> metrics.counter("switchboard.evaluator.alerts", "kind", alert.kind().wireName(),
                        "metric", alert.metric() == null ? "none" : alert.metric()).increment());
    }
}
