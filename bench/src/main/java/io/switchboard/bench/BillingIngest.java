package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventSerializer;

/**
 * Scenario 4: usage events written to switchboard.usage.v1 in one burst for a tenant of the run's own, then
 * timed until the billing service's totals for that tenant count every one of them.
 */
public final class BillingIngest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String billingUrl;
    private final Http http;

    public BillingIngest(String bootstrap, String billingUrl, Http http) {
        this.bootstrap = bootstrap;
        this.billingUrl = billingUrl;
        this.http = http;
    }

    /** Events per second from the first write to the moment billing's totals were complete. */
    public Result run(int events, Duration timeout) throws Exception {
        String tenant = "bench-billing-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        try (KafkaProducer<String, Object> producer = producer()) {
            for (int i = 0; i < events; i++) {
                producer.send(record(tenant));
            }
            producer.flush();
        }
        double written = (System.nanoTime() - start) / 1e9;
        long deadline = start + timeout.toNanos();
        long counted = 0;
        while (System.nanoTime() < deadline) {
            counted = requestsCounted(tenant);
            if (counted >= events) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(events, counted, written, seconds, events / seconds);
            }
            Thread.sleep(100);
        }
        return new Result(events, counted, written, Double.NaN, Double.NaN);
    }

    public record Result(int events, long counted, double writeSeconds, double seconds, double perSecond) {
    }

    private KafkaProducer<String, Object> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // one tenant is one partition: big batches, or the burst is limited by round trips, not by Kafka
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "524288");
        return new KafkaProducer<>(props, new StringSerializer(), new EventSerializer());
    }

    /** A usage event as the worker writes it: keyed by tenant, with the CloudEvents headers billing reads. */
    private static ProducerRecord<String, Object> record(String tenant) {
        String jobId = UUID.randomUUID().toString();
        TokensUsed usage = new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, "gpt-4o-mini", "simulator",
                "gpt-4o-mini", 12, 8, 20, 1, Instant.now());
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_id", TokensUsed.eventIdFor(jobId), "ce_type", EventType.TOKENS_USED.type(),
                "ce_source", "/switchboard/bench", "ce_specversion", "1.0",
                "ce_time", ZonedDateTime.now(ZoneOffset.UTC).toString(), "ce_subject", jobId,
                "ce_dataschema", "https://switchboard.io/schemas/" + EventType.TOKENS_USED.schemaFile(),
                "content-type", "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topic.USAGE.topicName(), null, tenant, usage, headers);
    }

    private long requestsCounted(String tenant) throws Exception {
        var answer = http.get(billingUrl + "/internal/usage/" + tenant, Map.of());
        if (answer.statusCode() != 200) {
            return 0;
        }
        long requests = 0;
        for (JsonNode row : JSON.readTree(answer.body()).path("data")) {
            requests += row.path("requests").asLong();
        }
        return requests;
    }
}
