package io.switchboard.evaluator.watch;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tells the drift watch when this replica's partitions of the by-stratum topic changed, so it stops trusting
 * the detectors it holds (see {@link QualityWatch}). Called on the consumer's thread; the watch reads the
 * flag on its own.
 */
@ApplicationScoped
@Identifier("stratum-assignments")
public class StratumAssignments implements KafkaConsumerRebalanceListener {

    private final AtomicBoolean changed = new AtomicBoolean();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        changed.set(true);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        changed.set(true);
    }

    /** Whether the assignment changed since the last call. */
    boolean takeChange() {
        return changed.getAndSet(false);
    }
}
