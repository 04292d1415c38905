package io.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw records to the real broker and waits for records on it, as an outside producer or
 * analyst would: strings in, strings out, headers as they are on the wire.
 */
public final class KafkaProbe implements AutoCloseable {

    private static KafkaProbe shared;

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    /**
     * The probe of the broker the tests run against ({@code KAFKA_BOOTSTRAP_SERVERS}, which
     * {@code bin/switchboard test} sets and the services under test read too), closed when the JVM exits.
     */
    public static synchronized KafkaProbe shared() {
        if (shared == null) {
            String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalStateException("KAFKA_BOOTSTRAP_SERVERS is not set: run the tests with bin/switchboard test");
            }
            shared = new KafkaProbe(bootstrap);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    /** Sends one record and waits for the broker to acknowledge it. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        send(topic, null, key, value, headers);
    }

    /**
     * Sends one record to the given partition (null: the key's, as any producer would) and waits for the
     * broker to acknowledge it; for tests about records that share a partition whatever their keys.
     */
    public void send(String topic, Integer partition, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a test record to " + topic, e);
        }
    }

    /** Sends a CloudEvents binary-mode record, as Switchboard's own producers do. */
    public void sendEvent(String topic, String key, String type, String id, String json) {
        sendEvent(topic, null, key, type, id, json);
    }

    /** Sends a CloudEvents binary-mode record to the given partition (null: the key's). */
    public void sendEvent(String topic, Integer partition, String key, String type, String id, String json) {
        send(topic, partition, key, json, cloudEventHeaders(type, id));
    }

    /**
     * Sends CloudEvents records (key and JSON value each, ids random) and waits once for the broker to have
     * them all: for tests that need thousands of records in order.
     */
    public void sendEvents(String topic, String type, List<Map.Entry<String, String>> keyedJson) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(keyedJson.size());
        for (Map.Entry<String, String> keyed : keyedJson) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, keyed.getKey(), keyed.getValue());
            cloudEventHeaders(type, UUID.randomUUID().toString())
                    .forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            sent.add(producer.send(record));
        }
        try {
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send test records to " + topic, e);
        }
    }

    private static Map<String, String> cloudEventHeaders(String type, String id) {
        return Map.of(
                "ce_specversion", "1.0",
                "ce_id", id,
                "ce_type", type,
                "ce_source", "/switchboard/tests",
                "ce_time", Instant.now().toString(),
                "content-type", "application/json");
    }

    /** Reads the topic from its beginning until a record matches, or fails after {@code timeout}. */
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        return collect(topic, match, record -> true, timeout).getLast();
    }

    /**
     * Reads the topic from its beginning and returns the records that match, in the order read, up to and
     * including the first that is also {@code last}; fails if none is within {@code timeout}.
     */
    public List<ConsumerRecord<String, String>> collect(String topic, Predicate<ConsumerRecord<String, String>> match,
            Predicate<ConsumerRecord<String, String>> last, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> matched = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        matched.add(record);
                        if (last.test(record)) {
                            return matched;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + " (" + matched.size()
                + " matched before)");
    }

    /**
     * Every matching record the topic holds, read from its beginning for {@code window}: for asserting that
     * something did not happen, once the test knows the producer has finished.
     */
    public List<ConsumerRecord<String, String>> collectFor(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration window) {
        List<ConsumerRecord<String, String>> matched = new ArrayList<>();
        try {
            collect(topic, record -> {
                if (match.test(record)) {
                    matched.add(record);
                }
                return false;
            }, record -> false, window);
        } catch (AssertionError readTheWholeWindow) {
            // the window ran out, as intended
        }
        return matched;
    }

    /** For {@link #collect}'s {@code last}: true at the {@code n}-th matching record, so it collects {@code n}. */
    public static Predicate<ConsumerRecord<String, String>> nth(int n) {
        int[] seen = { 0 };
        return record -> ++seen[0] == n;
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
