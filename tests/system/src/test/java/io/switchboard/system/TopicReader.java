package io.switchboard.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics as an analyst would, without a consumer group: every record from the beginning up to the
 * end offsets of the moment of the call. Also tells how far behind a consumer group is.
 */
final class TopicReader {

    private final String bootstrap;

    TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    static TopicReader fromEnvironment() {
        return new TopicReader(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** Every record of the topic now on it, in partition order. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!reached(consumer, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /**
     * Records the consumer groups have not committed yet on the topics they read ({@code topic -> groups}),
     * summed; 0 once every record there was processed (or dead-lettered) and its offset committed.
     */
    long lag(Map<String, List<String>> groupsByTopic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            var topics = admin.describeTopics(groupsByTopic.keySet()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (var topic : groupsByTopic.entrySet()) {
                for (String group : topic.getValue()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    for (var end : ends.entrySet()) {
                        if (end.getKey().topic().equals(topic.getKey())) {
                            OffsetAndMetadata at = committed.get(end.getKey());
                            lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                        }
                    }
                }
            }
            return lag;
        }
    }
}
