package io.switchboard.billing.analytics;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * Sending a claimed batch of an outbox: every record handed to the channel's Kafka producer in order, then all
 * acknowledgements awaited. Straight to the producer, on its sending thread, not message by message through the
 * channel: at tens of thousands of priced entries a second, the channel's per-message machinery (context capture,
 * tracing, CloudEvents metadata, a Uni per record) cost more CPU than booking the entries did.
 */
final class OutboxDrain {

    private OutboxDrain() {
    }

    /**
     * Sends {@code records} and completes once the broker acknowledged all of them (acks=all); fails if any send
     * failed, so the caller's transaction rolls back and the batch stays in the outbox.
     */
    static <T> Uni<Void> sendAll(KafkaProducer<String, T> producer, List<ProducerRecord<String, T>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sendAll(producer, () -> records);
    }

    /** As above, with the records built on the producer's sending thread, off the caller's. */
    static <T> Uni<Void> sendAll(KafkaProducer<String, T> producer, Supplier<List<ProducerRecord<String, T>>> build) {
        return producer.runOnSendingThread(kafka -> {
            List<ProducerRecord<String, T>> records = build.get();
            CompletableFuture<?>[] acknowledged = new CompletableFuture<?>[records.size()];
            for (int i = 0; i < acknowledged.length; i++) {
                CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
                kafka.send(records.get(i), (metadata, failure) -> {
                    if (failure == null) {
                        acknowledgement.complete(null);
                    } else {
                        acknowledgement.completeExceptionally(failure);
                    }
                });
                acknowledged[i] = acknowledgement;
            }
            return CompletableFuture.allOf(acknowledged);
        }).chain(all -> Uni.createFrom().completionStage(all));
    }
}
