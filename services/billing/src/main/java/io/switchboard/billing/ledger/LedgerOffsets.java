package io.switchboard.billing.ledger;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The usage consumer's rebalance listener: on assignment it claims each partition (a new epoch) and seeks to
 * the offset the ledger stored for it, so the ledger, not Kafka's committed offset, says where booking
 * resumes. It keeps the epochs this consumer holds; a flush presents its partition's epoch.
 */
@ApplicationScoped
@Default // as well as the name the Kafka connector looks it up by
@Identifier(LedgerOffsets.NAME)
public class LedgerOffsets implements KafkaConsumerRebalanceListener {

    static final String NAME = "ledger-offsets";
    private static final Logger LOG = Logger.getLogger(LedgerOffsets.class);
    /** Claiming waits out a database outage for about as long as Kafka waits for a poll (max.poll.interval.ms). */
    private static final int CLAIM_ATTEMPTS = 60;

    private final PartitionClaims claims;
    /** Per partition, the claim of the consumer (of this process's several) that holds it. */
    private final Map<TopicPartition, Held> held = new ConcurrentHashMap<>();

    private record Held(Consumer<?, ?> consumer, long epoch) {
    }

    LedgerOffsets(PartitionClaims claims) {
        this.claims = claims;
    }

    /** Runs on the consumer's polling thread, before any record of these partitions is fetched. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, PartitionClaims.Claim> claimed = claims.claim(consumer.groupMetadata().groupId(), partitions)
                .onFailure().invoke(failure -> LOG.warnf("could not claim partitions %s yet: %s", partitions, failure))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(CLAIM_ATTEMPTS)
                .await().indefinitely();
        claimed.forEach((partition, claim) -> {
            claim.nextOffset().ifPresent(offset -> consumer.seek(partition, offset));
            held.put(partition, new Held(consumer, claim.epoch()));
        });
        LOG.infof("claimed %s", claimed);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(consumer, partitions);
    }

    /** Only the consumer's own claims: another consumer of this process may hold the partition already. */
    private void release(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> held.computeIfPresent(partition,
                (p, claim) -> claim.consumer() == consumer ? null : claim));
    }

    /** The epoch this consumer claimed the partition with; empty if it does not hold it. */
    public OptionalLong epochOf(TopicPartition partition) {
        Held claim = held.get(partition);
        return claim == null ? OptionalLong.empty() : OptionalLong.of(claim.epoch());
    }
}
