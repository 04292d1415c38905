package io.switchboard.evaluator.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.evaluator.ConsumerAttempts;

/**
 * Keeps the stored alerts up to date from {@code switchboard.quality.alerts.v1} (its own consumer group,
 * {@code evaluator-alerts-view}, so it reads every alert whichever replica raised it). The offset is committed only
 * once the alert is stored; storing by event id makes a redelivery change nothing. Unreadable records, and alerts
 * still failing after the retries, go to {@code switchboard.quality.alerts.v1.dlq} (see application.properties).
 */
@ApplicationScoped
public class AlertsView {

    private static final Logger LOG = Logger.getLogger(AlertsView.class);

    private final AlertStore store;
    private final ConsumerAttempts attempts;

    AlertsView(AlertStore store, ConsumerAttempts attempts) {
        this.store = store;
        this.attempts = attempts;
    }

    /** Takes the whole message because the event id lives in its CloudEvents metadata, not in the payload. */
    @Incoming("quality-alerts-view")
    public Uni<Void> onAlert(Message<QualityAlert> message) {
        QualityAlert alert = message.getPayload();
        if (alert == null) {
            return nack(message, new IllegalArgumentException("alert record without a readable QualityAlert payload"));
        }
        // the publisher derives the event id from the alarm id and kind; a record without the header gets the same
        String eventId = CloudEvents.id(message).filter(id -> !id.isBlank())
                .orElse(alert.alarmId() + ":" + alert.kind().wireName());
        return attempts.guard(store.save(eventId, alert))
                .onItemOrFailure().transformToUni((stored, failure) -> {
                    if (failure != null) {
                        LOG.errorf("alert %s (%s, tenant %s) not stored, sent to the dead-letter topic: %s", eventId,
                                alert.kind().wireName(), alert.tenantId(), failure.toString());
                        return nack(message, failure);
                    }
                    LOG.debugf("alert %s (%s, tenant %s) %s", eventId, alert.kind().wireName(), alert.tenantId(),
                            stored ? "stored" : "was stored before");
                    return Uni.createFrom().completionStage(message::ack);
                });
    }

    private static Uni<Void> nack(Message<?> message, Throwable reason) {
        return Uni.createFrom().completionStage(() -> message.nack(reason));
    }
}
