package io.switchboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The size of a real record on a topic, so the Kafka reference writes records of the same size. */
public final class SampleRecord {

    private SampleRecord() {
    }

    /** Value bytes of the last record of the first non-empty partition (headers are not counted). */
    public static int valueBytes(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            var ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                if (ends.get(partition) > 0) {
                    consumer.assign(List.of(partition));
                    consumer.seek(partition, ends.get(partition) - 1);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(5))) {
                        return record.value().length;
                    }
                }
            }
        }
        throw new IllegalStateException(topic + " has no record to measure");
    }
}
