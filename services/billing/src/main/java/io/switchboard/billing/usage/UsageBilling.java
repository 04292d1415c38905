package io.switchboard.billing.usage;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Bills each usage event exactly once, keyed by its CloudEvents id. The record's offset is committed
 * only after the ledger write; records that cannot be billed (unreadable, or without an id to
 * deduplicate on) go to the topic's dead-letter topic (see application.properties).
 */
@ApplicationScoped
public class UsageBilling {

    private static final Logger LOG = Logger.getLogger(UsageBilling.class);

    private final UsageLedger ledger;
    private final BilledTokens billedTokens;

    UsageBilling(UsageLedger ledger, BilledTokens billedTokens) {
        this.ledger = ledger;
        this.billedTokens = billedTokens;
    }

    /** Takes the whole message because the event id lives in its CloudEvents metadata, not in the payload. */
    @Incoming("usage")
    public Uni<Void> onTokensUsed(Message<TokensUsed> message) {
        TokensUsed usage = message.getPayload();
        if (usage == null) {
            return nack(message, new IllegalArgumentException("usage record without a readable TokensUsed payload"));
        }
        Optional<String> eventId = CloudEvents.id(message).filter(id -> !id.isBlank());
        if (eventId.isEmpty()) {
            LOG.warnf("usage of job %s (tenant %s) has no ce_id header; sent to the dead-letter topic", usage.jobId(),
                    usage.tenantId());
            return nack(message, new IllegalArgumentException(
                    "usage record without a CloudEvents id (ce_id header): it cannot be billed exactly once"));
        }
        return withRetries(ledger.bill(eventId.get(), usage))
                .onItemOrFailure().transformToUni((billed, failure) -> {
                    if (failure != null) {
                        LOG.errorf("usage event %s of tenant %s not billed, sent to the dead-letter topic: %s",
                                eventId.get(), usage.tenantId(), failure.toString());
                        return nack(message, failure);
                    }
                    if (billed) {
                        billedTokens.count(usage);
                    } else {
                        LOG.debugf("usage event %s of tenant %s was billed before; ignored", eventId.get(),
                                usage.tenantId());
                    }
                    return Uni.createFrom().completionStage(message::ack);
                });
    }

    private static Uni<Void> nack(Message<?> message, Throwable reason) {
        return Uni.createFrom().completionStage(() -> message.nack(reason));
    }

    /** A database hiccup must not send a good event to the dead-letter topic: retry it first. */
    private static <T> Uni<T> withRetries(Uni<T> write) {
        return write.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
