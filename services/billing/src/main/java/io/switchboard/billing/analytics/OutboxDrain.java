package io.switchboard.billing.analytics;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Sending a claimed batch of an outbox: every record handed to the producer in order, then all acknowledgements awaited. */
final class OutboxDrain {

    /** Records in flight at once: below the Kafka sink's own limit (1024), so the emitter never overflows. */
    private static final int IN_FLIGHT = 512;

    private OutboxDrain() {
    }

    /**
     * Sends {@code records} and completes once the broker acknowledged all of them (acks=all); fails if any send
     * failed, so the caller's transaction rolls back and the batch stays in the outbox.
     */
    static <T> Uni<Void> sendAll(MutinyEmitter<T> topic, List<T> records, Function<T, Message<T>> message) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(records)
                .onItem().transformToUni(record -> topic.sendMessage(message.apply(record))).merge(IN_FLIGHT)
                .collect().last()
                .replaceWithVoid();
    }
}
