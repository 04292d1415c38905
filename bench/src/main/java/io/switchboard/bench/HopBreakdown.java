package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.HdrHistogram.Histogram;

/**
 * Where a job's time goes between services, from the records' own timestamps (set by each producer when it
 * sends): ingress → router (request to dispatch), router → worker start (dispatch to the "running"
 * status), worker (running to result, the provider call included). Each record names its job in
 * {@code ce_subject}. Millisecond resolution, one clock (one machine).
 */
public final class HopBreakdown {

    /** The topics of a job's path, in order; a hop is the time between two consecutive ones. */
    private static final List<String> PATH = List.of("switchboard.requests.v1", "switchboard.dispatch.simulator.v1",
            "switchboard.job-status.v1", "switchboard.results.v1");
    private static final List<String> HOPS = List.of("ingress send -> router send (router poll, context, routing)",
            "router send -> worker 'running' (worker poll, queue, cancellation and cache checks)",
            "worker 'running' -> result sent (provider call, usage, result)");

    private final String bootstrap;
    private Map<TopicPartition, Long> start;

    public HopBreakdown(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Remembers where the topics end now: only jobs after this point are counted. */
    public void mark() {
        try (var consumer = consumer()) {
            start = consumer.endOffsets(partitions(consumer));
        }
    }

    /** Per hop, the latency of the jobs seen on every topic of the path since {@link #mark()}. */
    public Map<String, Latency> measure() {
        Map<String, Map<String, Long>> sentAt = new HashMap<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String job = subject(record);
                    if (job != null && !isLaterStatus(record)) {
                        sentAt.computeIfAbsent(job, j -> new HashMap<>()).putIfAbsent(record.topic(), record.timestamp());
                    }
                }
            }
        }
        List<Histogram> hops = new ArrayList<>();
        HOPS.forEach(h -> hops.add(Latency.newHistogram()));
        for (Map<String, Long> times : sentAt.values()) {
            if (times.size() == PATH.size()) {
                for (int i = 0; i < HOPS.size(); i++) {
                    long ms = times.get(PATH.get(i + 1)) - times.get(PATH.get(i));
                    hops.get(i).recordValue(Math.max(0, ms) * 1000);
                }
            }
        }
        Map<String, Latency> out = new LinkedHashMap<>();
        for (int i = 0; i < HOPS.size(); i++) {
            out.put(HOPS.get(i), Latency.of(Double.NaN, hops.get(i), 0, Double.NaN));
        }
        return out;
    }

    /** The status topic also carries the ingress's own "cancelled"; only the worker's "running" is a hop. */
    private static boolean isLaterStatus(ConsumerRecord<byte[], byte[]> record) {
        return record.topic().equals("switchboard.job-status.v1") && record.value() != null
                && !new String(record.value(), StandardCharsets.UTF_8).contains("\"running\"");
    }

    private static String subject(ConsumerRecord<byte[], byte[]> record) {
        Header subject = record.headers().lastHeader("ce_subject");
        return subject == null ? null : new String(subject.value(), StandardCharsets.UTF_8);
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : PATH) {
            consumer.partitionsFor(topic).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        return all;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
