package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.serde.EventSerializer;

/**
 * The evaluator service end to end: a burst of succeeded results written to switchboard.results.v1 for a tenant
 * of the run's own, timed from the first write until the last of their scores is on switchboard.scores.v1 (each
 * result scored, its verdicts stored in PostgreSQL, published twice: by job and by stratum), then until the
 * drift watch's group has committed the by-stratum topic to its end.
 */
final class EvaluatorDrain {

    private final String bootstrap;
    private final Backlog backlog;

    EvaluatorDrain(String bootstrap, Backlog backlog) {
        this.bootstrap = bootstrap;
        this.backlog = backlog;
    }

    /**
     * @param scores       the score events the results make (as the in-process {@code Scoring} counts them)
     * @param scoredSeconds from the first write to the last score read back; NaN if not all came in time
     * @param watchedSeconds from the first write until {@code evaluator-drift} committed everything; it commits
     *                     every few seconds, so this is late by up to that
     */
    record Result(int results, long scores, long scoresSeen, double writeSeconds, double scoredSeconds,
            double watchedSeconds) {

        double resultsPerSecond() {
            return results / scoredSeconds;
        }

        double watchedScoresPerSecond() {
            return scores / watchedSeconds;
        }
    }

    Result run(String tenant, List<JobCompleted> results, long expectedScores, Duration timeout) throws Exception {
        try (KafkaConsumer<String, String> scores = scoresFromNow()) {
            long start = System.nanoTime();
            try (KafkaProducer<String, Object> producer = producer()) {
                for (JobCompleted result : results) {
                    producer.send(record(result));
                }
                producer.flush();
            }
            double written = (System.nanoTime() - start) / 1e9;
            long deadline = start + timeout.toNanos();
            String marker = "\"tenant_id\":\"" + tenant + "\"";
            long seen = 0;
            while (seen < expectedScores && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> score : scores.poll(Duration.ofMillis(100))) {
                    if (score.value() != null && score.value().contains(marker)) {
                        seen++;
                    }
                }
            }
            double scored = seen >= expectedScores ? (System.nanoTime() - start) / 1e9 : Double.NaN;
            double watched = Double.NaN;
            while (System.nanoTime() < deadline) {
                if (backlog.lag("evaluator-drift", Topic.SCORES_BY_STRATUM.topicName()) == 0) {
                    watched = (System.nanoTime() - start) / 1e9;
                    break;
                }
                Thread.sleep(100);
            }
            return new Result(results.size(), expectedScores, seen, written, scored, watched);
        }
    }

    /** A reader of every partition of the scores topic, from its end as of now. */
    private KafkaConsumer<String, String> scoresFromNow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        String topic = Topic.SCORES.topicName();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the burst
        return consumer;
    }

    private KafkaProducer<String, Object> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "524288");
        return new KafkaProducer<>(props, new StringSerializer(), new EventSerializer());
    }

    /** A result as the worker writes it: keyed by job id, with the CloudEvents headers the evaluator reads. */
    private static ProducerRecord<String, Object> record(JobCompleted result) {
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_id", "bench-" + result.jobId(), "ce_type", EventType.JOB_COMPLETED.type(),
                "ce_source", "/switchboard/bench", "ce_specversion", "1.0",
                "ce_time", ZonedDateTime.now(ZoneOffset.UTC).toString(), "ce_subject", result.jobId(),
                "ce_dataschema", "https://switchboard.io/schemas/" + EventType.JOB_COMPLETED.schemaFile(),
                "content-type", "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topic.RESULTS.topicName(), null, result.jobId(), result, headers);
    }
}
