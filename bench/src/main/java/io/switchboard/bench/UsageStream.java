package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;

/**
 * Usage events as the worker writes them (keyed by tenant, CloudEvents headers, JSON), for the billing bench, shaped
 * like live traffic: each tenant calls its main model on one route (a fifth of its calls go to a second model on
 * another route), with one or two API keys, a third of the tenants split between two variants, a fifth sending
 * some jobs through the batch lane; cache and reasoning parts; occurred within the last minute, except one in
 * fifty that arrives late (up to two days); and about one in a hundred a re-send of an earlier event (same id,
 * same payload), as a redelivery.
 */
final class UsageStream {

    private static final String[] MODELS = { "gpt-4o-mini", "gpt-4o", "claude-sonnet-4", "gemini-2.5-flash" };
    private static final String[] ROUTES = { "chat", "summarize" };

    private final String runId;
    private final int tenants;
    private final double duplicateShare;
    private final SplittableRandom random;
    private final List<ProducerRecord<String, byte[]>> recent = new ArrayList<>();
    private long distinct;
    private long sent;

    UsageStream(String runId, int tenants, double duplicateShare, long seed) {
        this.runId = runId;
        this.tenants = tenants;
        this.duplicateShare = duplicateShare;
        this.random = new SplittableRandom(seed);
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    String tenant(int i) {
        return "bench-" + runId + "-t" + i;
    }

    int tenants() {
        return tenants;
    }

    /** The next record: a new event, or (with the duplicate share) one sent before, again. */
    ProducerRecord<String, byte[]> next() {
        sent++;
        if (!recent.isEmpty() && random.nextDouble() < duplicateShare) {
            return recent.get(random.nextInt(recent.size()));
        }
        int t = random.nextInt(tenants);
        Instant at = random.nextInt(50) == 0 ? Instant.now().minus(60 + random.nextInt(48 * 3600), ChronoUnit.SECONDS)
                : Instant.now().minusMillis(random.nextInt(60_000));
        ProducerRecord<String, byte[]> record = fresh(tenant(t), t, at);
        distinct++;
        if (recent.size() < 10_000) {
            recent.add(record);
        } else {
            recent.set(random.nextInt(recent.size()), record);
        }
        return record;
    }

    /** A new event of a tenant of its own (a probe), occurred at {@code at}. */
    ProducerRecord<String, byte[]> fresh(String tenant, Instant at) {
        return fresh(tenant, 0, at);
    }

    /** A new event of {@code tenant}, whose habits are those of tenant number {@code t}, occurred at {@code at}. */
    private ProducerRecord<String, byte[]> fresh(String tenant, int t, Instant at) {
        String jobId = UUID.randomUUID().toString();
        int prompt = 50 + random.nextInt(4000);
        int completion = 10 + random.nextInt(800);
        int cached = random.nextInt(4) == 0 ? random.nextInt(prompt / 2 + 1) : 0;
        int reasoning = random.nextInt(5) == 0 ? random.nextInt(completion + 1) : 0;
        boolean secondary = random.nextInt(5) == 0;
        String model = MODELS[(t + (secondary ? 1 : 0)) % MODELS.length];
        String route = ROUTES[secondary ? 1 : 0];
        String variant = t % 3 == 0 && random.nextBoolean() ? "b" : "a";
        boolean batch = t % 5 == 0 && random.nextInt(4) == 0;
        String key = "key_" + t + "_" + (t % 2 == 0 ? 0 : random.nextInt(2));
        TokensUsed usage = new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, model, "simulator", "sim-small",
                prompt, completion, prompt + completion, 1 + random.nextInt(900), at, route, variant, "t1", null,
                cached, 0, 0, reasoning, batch, key);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", utf8(TokensUsed.eventIdFor(jobId)));
        headers.add("ce_type", utf8(EventType.TOKENS_USED.type()));
        headers.add("ce_source", utf8("/switchboard/bench"));
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("content-type", utf8("application/json"));
        try {
            return new ProducerRecord<>(Topic.USAGE.topicName(), null, tenant, EventJson.MAPPER.writeValueAsBytes(usage),
                    headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long distinct() {
        return distinct;
    }

    long sent() {
        return sent;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
