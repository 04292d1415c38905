package io.switchboard.ingress.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.switchboard.contracts.Topic;

/** Reads a topic's records by partition and offset, up to its end as it is when the read starts. Blocking. */
@ApplicationScoped
class DeadLetterReader {

    /** A broker that does not answer within this fails the operator's request rather than hanging it. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClients clients;

    DeadLetterReader(KafkaClients clients) {
        this.clients = clients;
    }

    /** Up to {@code limit} records of the partition from {@code from} on (or from its first, if that is later). */
    List<ConsumerRecord<String, byte[]>> page(String topic, int partition, long from, int limit) {
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            return read(consumer, topic, partition, from, limit);
        }
    }

    /** Looks records up one by one through one consumer, for a request that names several. Close it after. */
    Lookup lookup(String topic) {
        return new Lookup(clients.reader(), topic);
    }

    /** Single records of one topic, read through one consumer. */
    static final class Lookup implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;

        private Lookup(KafkaConsumer<String, byte[]> consumer, String topic) {
            this.consumer = consumer;
            this.topic = topic;
        }

        /** The record at exactly that offset, if the partition still holds it. */
        Optional<ConsumerRecord<String, byte[]>> at(int partition, long offset) {
            return read(consumer, topic, partition, offset, 1).stream()
                    .filter(record -> record.offset() == offset).findFirst();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaConsumer<String, byte[]> consumer, String topic,
            int partition, long from, int limit) {
        TopicPartition tp = new TopicPartition(topic, partition);
        if (consumer.partitionsFor(topic, READ_TIMEOUT).isEmpty()) {
            return List.of(); // not created yet: nothing was ever written to it
        }
        consumer.assign(List.of(tp));
        long start = Math.max(from, consumer.beginningOffsets(List.of(tp), READ_TIMEOUT).get(tp));
        long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        if (start >= end) {
            return read;
        }
        consumer.seek(tp, start);
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (read.size() < limit && consumer.position(tp, READ_TIMEOUT) < end) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reading " + tp + " took longer than " + READ_TIMEOUT);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (read.size() < limit && record.offset() < end) {
                    read.add(record);
                }
            }
        }
        return read;
    }

    /** How many records each topic holds now, all its partitions together (0 for a topic not created yet). */
    Map<Topic, Long> sizes(List<Topic> topics) {
        Map<Topic, Long> sizes = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            for (Topic topic : topics) {
                List<TopicPartition> all = consumer.partitionsFor(topic.topicName(), READ_TIMEOUT).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                Map<TopicPartition, Long> first = consumer.beginningOffsets(all, READ_TIMEOUT);
                Map<TopicPartition, Long> end = consumer.endOffsets(all, READ_TIMEOUT);
                sizes.put(topic, all.stream().mapToLong(tp -> end.get(tp) - first.get(tp)).sum());
            }
        }
        return sizes;
    }

    /** The partitions the topic has on the broker (none if it was not created yet), whatever the catalog says. */
    List<Integer> partitions(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            return consumer.partitionsFor(topic, READ_TIMEOUT).stream().map(info -> info.partition()).sorted().toList();
        }
    }

    /** Every record of the partition, from its first to its end now. */
    List<ConsumerRecord<String, byte[]>> whole(String topic, int partition) {
        return page(topic, partition, 0, Integer.MAX_VALUE);
    }
}
