package io.switchboard.evaluator.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.switchboard.contracts.replay.GroupRewind;
import io.switchboard.contracts.replay.GroupRewind.Move;
import io.switchboard.contracts.replay.ReplayPoint;
import io.switchboard.contracts.replay.ReplayRefused;
import io.switchboard.testing.KafkaProbe;

/**
 * The evaluator's replay, {@code bin/switchboard replay evaluator}: its group's offsets are Kafka's, moved back by
 * {@link GroupRewind} on the real broker, for a group and topic of the test's own.
 */
class ResultsReplayTest {

    private static final String BOOTSTRAP = System.getenv("KAFKA_BOOTSTRAP_SERVERS");

    @Test
    void aStoppedGroupIsMovedBackToTheTimeAndNeverForward() throws Exception {
        String topic = newTopic();
        String group = "evaluator-replay-" + UUID.randomUUID();
        publish(topic, 0, 2);
        publish(topic, 1, 1);
        Instant from = Instant.now();
        awaitNextMillisecond(from);
        publish(topic, 0, 2);
        publish(topic, 1, 2);
        publish(topic, 2, 1);
        TopicPartition zero = new TopicPartition(topic, 0);
        TopicPartition one = new TopicPartition(topic, 1);
        try (Admin admin = admin()) {
            // partition 0 read to its end; partition 1 not even up to the time (its record at offset 1): it stays;
            // partition 2 never committed: left to the group's reset policy
            admin.alterConsumerGroupOffsets(group, Map.of(zero, new OffsetAndMetadata(4), one,
                    new OffsetAndMetadata(0))).all().get();
        }
        try (GroupRewind rewind = new GroupRewind(BOOTSTRAP)) {
            Map<TopicPartition, Move> moves = rewind.rewind(group, topic,
                    new ReplayPoint.FromTime(from.plusMillis(1)));
            assertEquals(Map.of(zero, new Move(4, 2), one, new Move(0, 0)), moves);
            assertEquals(Map.of(zero, 2L, one, 0L), rewind.committed(group, topic));
        }
    }

    @Test
    void aGroupWithAMemberIsRefusedAndKeepsItsOffsets() throws Exception {
        String topic = newTopic();
        String group = "evaluator-replay-" + UUID.randomUUID();
        publish(topic, 0, 3);
        try (KafkaConsumer<String, String> running = consumer(group, topic);
                GroupRewind rewind = new GroupRewind(BOOTSTRAP)) {
            int read = 0;
            for (int polls = 0; read < 3 && polls < 100; polls++) {
                read += running.poll(Duration.ofMillis(200)).count();
            }
            running.commitSync();
            ReplayRefused refused = assertThrows(ReplayRefused.class, () -> rewind.rewind(group, topic,
                    new ReplayPoint.FromOffset(0, OptionalInt.empty())));
            assertTrue(refused.getMessage().contains("consumer group " + group + " has 1 active member"),
                    refused.getMessage());
            assertEquals(3L, rewind.committed(group, topic).get(new TopicPartition(topic, 0)));
        }
    }

    private static void awaitNextMillisecond(Instant after) {
        while (Instant.now().toEpochMilli() <= after.toEpochMilli() + 1) {
            Thread.onSpinWait();
        }
    }

    private static KafkaConsumer<String, String> consumer(String group, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String newTopic() throws Exception {
        String topic = "results-replay-test-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return topic;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    }

    private static void publish(String topic, int partition, int count) {
        for (int i = 0; i < count; i++) {
            KafkaProbe.shared().send(topic, partition, "job-" + UUID.randomUUID(), "{}", Map.of());
        }
    }
}
