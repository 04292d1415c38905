package io.switchboard.billing.corrections;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsageAmended;
import io.switchboard.contracts.events.UsageCorrection;

/**
 * Publishes a correction to {@code switchboard.usage.v1}, keyed by tenant like its usage (so it follows the usage it
 * corrects on one partition), and completes once the broker acknowledged it (acks=all).
 */
@ApplicationScoped
class CorrectionPublisher {

    static final String SOURCE = "/switchboard/billing";

    private final MutinyEmitter<UsageCorrection> topic;

    CorrectionPublisher(@Channel("usage-corrections") MutinyEmitter<UsageCorrection> topic) {
        this.topic = topic;
    }

    Uni<Void> publish(String eventId, UsageCorrection correction) {
        EventType type = correction instanceof UsageAmended ? EventType.USAGE_AMENDED : EventType.USAGE_VOIDED;
        return topic.sendMessage(CloudEvents.event(type, SOURCE, eventId, correction.tenantId(),
                correction.correctsEventId(), correction));
    }
}
