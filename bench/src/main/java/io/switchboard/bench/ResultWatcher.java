package io.switchboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.serde.JobCompletedDeserializer;

/**
 * Sees each job's outcome the moment it lands on switchboard.results.v1, by reading the topic itself (no
 * group, no commits, from its end at start): the pipeline's completion time without any polling of the
 * job view.
 */
public final class ResultWatcher implements AutoCloseable {

    private final Map<String, CompletableFuture<JobCompleted>> outcomes = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, JobCompleted> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    public ResultWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the broker answers a fetch as soon as one byte is there: the watcher must not add its own wait
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new JobCompletedDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.RESULTS.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().name("result-watcher").start(this::poll);
    }

    /** The outcome of a job, whether it has already landed or not. */
    public CompletableFuture<JobCompleted> outcome(String jobId) {
        return outcomes.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    /** Forgets a job whose outcome was handed over. */
    public void forget(String jobId) {
        outcomes.remove(jobId);
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, JobCompleted> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.value() != null) {
                    outcome(record.value().jobId()).complete(record.value());
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
