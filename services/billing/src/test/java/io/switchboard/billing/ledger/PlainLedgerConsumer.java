package io.switchboard.billing.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.TokensUsedDeserializer;

/**
 * A consumer of a test's own usage topic that books through the service's own claim, screening and flush
 * beans, exactly as the service's consumer does, but whose polls, flushes and Kafka commits the test drives
 * one by one (it never commits to Kafka unless told), so that a test can stop it between any two steps.
 */
final class PlainLedgerConsumer implements AutoCloseable {

    private final KafkaConsumer<String, TokensUsed> consumer;
    private final String group;
    private final PartitionClaims claims;
    private final UsageScreening screening;
    private final LedgerWriter writer;
    private final Map<TopicPartition, Long> epochs = new ConcurrentHashMap<>();

    PlainLedgerConsumer(String bootstrap, String group, String topic, PartitionClaims claims, UsageScreening screening,
            LedgerWriter writer, Map<String, Object> overrides) {
        this.group = group;
        this.claims = claims;
        this.screening = screening;
        this.writer = writer;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, TokensUsedDeserializer.class.getName());
        props.putAll(overrides);
        this.consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                claims.claim(group, partitions).await().indefinitely().forEach((partition, claim) -> {
                    claim.nextOffset().ifPresent(offset -> consumer.seek(partition, offset));
                    epochs.put(partition, claim.epoch());
                });
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(epochs::remove);
            }
        });
    }

    /** Polls until at least {@code atLeast} records came (or the timeout passed); returns what came, in order. */
    List<ConsumerRecord<String, TokensUsed>> poll(int atLeast, Duration timeout) {
        List<ConsumerRecord<String, TokensUsed>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            ConsumerRecords<String, TokensUsed> records = consumer.poll(Duration.ofMillis(200));
            records.forEach(read::add);
        } while (read.size() < atLeast && System.nanoTime() < deadline);
        return read;
    }

    /** The claim this consumer holds on the partition now (null: none). */
    Long epochOf(TopicPartition partition) {
        return epochs.get(partition);
    }

    /** Books records of one partition under the given claim, as the service's consumer does. */
    FlushOutcome flush(TopicPartition partition, long epoch, List<ConsumerRecord<String, TokensUsed>> records) {
        return writer.flush(screening.screen(group, partition, epoch, records)).await().indefinitely();
    }

    long position(TopicPartition partition) {
        return consumer.position(partition);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
