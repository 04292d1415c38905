package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The dispatch consumer's rebalance listener: partitions that leave this worker (a replica joined, this one stops, or
 * the group moves them) are handed over cleanly ({@link FairDispatch#handOver}). With the cooperative-sticky
 * assignor only the partitions that move are revoked; the others keep flowing.
 */
@ApplicationScoped
@Identifier(DispatchHandover.NAME)
public class DispatchHandover implements KafkaConsumerRebalanceListener {

    static final String NAME = "dispatch-handover";

    private final FairDispatch dispatch;
    private final SchedulerConfig config;

    DispatchHandover(FairDispatch dispatch, SchedulerConfig config) {
        this.dispatch = dispatch;
        this.config = config;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            dispatch.handOver(partitions, config.handoverWait());
        }
    }

    /** Lost, not revoked: another member may serve them already, so nothing of theirs should start here. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            dispatch.handOver(partitions, Duration.ZERO);
        }
    }
}
