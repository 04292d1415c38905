package io.switchboard.system;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.testing.KafkaProbe;

/**
 * Records no consumer can use, written to every consumed topic with the CloudEvents headers of a real
 * event: bytes that are not JSON, and JSON of the wrong shape. Each must end on {@code <topic>.dlq}, once per
 * consumer group that read it, with a {@code dead-letter-reason}; the consumers must go on with the next record.
 */
final class PoisonRecords {

    /**
     * Copies each poison record should leave on the dead-letter topic: one per consumer group that reads the
     * topic with a dead-letter strategy (results: job view, context-store, evaluator; chunks: each of the two
     * ingress replicas, which read it from the latest offset in groups of their own).
     */
    static final Map<String, Integer> COPIES = Map.of(
            "switchboard.requests.v1", 1,
            "switchboard.dispatch.simulator.v1", 1,
            "switchboard.dispatch.simulator.retry.v1", 1,
            "switchboard.job-status.v1", 1,
            "switchboard.results.v1", 3,
            "switchboard.usage.v1", 1,
            "switchboard.scores.by-stratum.v1", 1,
            "switchboard.quality.alerts.v1", 1,
            "switchboard.chunks.v1", 2);

    private static final Map<String, String> POISONS = Map.of(
            "not-json", "\u0000\u00ff{{ this is not JSON",
            "wrong-schema", "{\"schema_version\":99,\"job_id\":\"poison\",\"surprise\":true}");

    /** What one topic's dead-letter topic holds of this injection. */
    record Landing(String topic, int injected, int expectedCopies, int landed, int withReason, String aReason) {

        boolean complete() {
            return landed == injected * expectedCopies && withReason == landed;
        }
    }

    private final String marker = "poison-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * How many records a consumer group may leave uncommitted after this injection: a dead-lettered record that is
     * the last of its partition can stay uncommitted (seen on billing's usage partition).
     */
    long records() {
        return (long) POISONS.size() * COPIES.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Writes both kinds of poison to every topic; the keys carry this injection's marker. */
    void inject(KafkaProbe probe) {
        COPIES.keySet().forEach(topic -> POISONS.forEach((kind, value) -> probe.send(topic, marker + "-" + kind, value,
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", typeOf(topic),
                        "ce_source", "/switchboard/fault-tests", "ce_time", Instant.now().toString(),
                        "content-type", "application/json"))));
    }

    /** Where the poison landed, per topic. */
    List<Landing> landings(TopicReader topics) {
        Map<String, Landing> landings = new LinkedHashMap<>();
        for (String topic : COPIES.keySet().stream().sorted().toList()) {
            int landed = 0;
            int withReason = 0;
            String reason = "";
            for (ConsumerRecord<String, String> record : topics.readAll(topic + ".dlq")) {
                if (record.key() != null && record.key().startsWith(marker)) {
                    landed++;
                    var why = KafkaProbe.header(record, "dead-letter-reason");
                    if (why.isPresent() && !why.get().isBlank()) {
                        withReason++;
                        reason = why.get();
                    }
                }
            }
            landings.put(topic, new Landing(topic, POISONS.size(), COPIES.get(topic), landed, withReason,
                    reason.length() > 120 ? reason.substring(0, 120) + "..." : reason));
        }
        return List.copyOf(landings.values());
    }

    private static String typeOf(String topic) {
        return switch (topic) {
            case "switchboard.requests.v1" -> "io.switchboard.job.requested.v1";
            case "switchboard.dispatch.simulator.v1", "switchboard.dispatch.simulator.retry.v1" ->
                    "io.switchboard.job.dispatched.v1";
            case "switchboard.job-status.v1" -> "io.switchboard.job.status-changed.v1";
            case "switchboard.results.v1" -> "io.switchboard.job.completed.v1";
            case "switchboard.usage.v1" -> "io.switchboard.usage.tokens-used.v1";
            case "switchboard.scores.by-stratum.v1" -> "io.switchboard.evaluation.scored.v1";
            case "switchboard.quality.alerts.v1" -> "io.switchboard.quality.alert.v1";
            default -> "io.switchboard.completion.chunk.v1";
        };
    }
}
