package io.switchboard.evaluator.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The drift watch on the real broker and PostgreSQL: two strata scored side by side, one of them starting to
 * refuse more after its baseline. Exactly one QUALITY_DEGRADED, for that stratum and metric; the control
 * stratum stays silent; the open alarm is stored with the detector.
 */
@QuarkusTest
class QualityWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int BASELINE = 5_500;
    private static final int AFTER_CHANGE = 2_000;

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool database;

    @Test
    void aStratumThatStartsRefusingRaisesOneAlarmAndItsControlStaysSilent() throws Exception {
        String tenant = "watch-" + UUID.randomUUID().toString().substring(0, 8);
        String degradedStratum = tenant + "|support-bot|sim-small|canary";
        String controlStratum = tenant + "|support-bot|sim-small|stable";
        SplittableRandom random = new SplittableRandom(20261204);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < BASELINE + AFTER_CHANGE; i++) {
            boolean changed = i >= BASELINE;
            records.add(score(tenant, "canary", random.nextDouble() >= (changed ? 0.10 : 0.02)));
            records.add(score(tenant, "stable", random.nextDouble() >= 0.02));
        }
        kafka.sendEvents(Topic.SCORES_BY_STRATUM.topicName(), EventType.EVALUATION_SCORED.type(), records);

        ConsumerRecord<String, String> raised = kafka.await(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().startsWith(tenant + "|"), TIMEOUT);
        QualityAlert alert = EventJson.MAPPER.readValue(raised.value(), QualityAlert.class);
        assertEquals(QualityAlertKind.QUALITY_DEGRADED, alert.kind());
        assertEquals(degradedStratum, raised.key());
        assertEquals("no_refusal", alert.metric());
        assertEquals("canary", alert.variant());
        assertTrue(alert.current() > alert.baseline() + 0.015, alert.toString());
        assertEquals(alert.current() - alert.baseline(), alert.effect(), 1e-9);
        assertTrue(alert.pValue() < 0.01, alert.toString());
        assertFalse(alert.exampleJobIds().isEmpty());
        assertNotNull(alert.changeEstimatedAt());
        assertEquals(EventType.QUALITY_ALERT.type(), KafkaProbe.header(raised, "ce_type").orElseThrow());

        // every record is consumed once the watch has saved the last of them; only then is silence meaningful
        awaitSaved(degradedStratum, BASELINE + AFTER_CHANGE);
        awaitSaved(controlStratum, BASELINE + AFTER_CHANGE);
        List<ConsumerRecord<String, String>> all = kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().startsWith(tenant + "|"), Duration.ofSeconds(5));
        assertEquals(1, all.size(), "one alarm, for the degraded stratum only: " + all);
        Row stored = detectorRow(degradedStratum);
        assertEquals(alert.alarmId(), stored.getString("open_alarm_id"));
        assertEquals(null, detectorRow(controlStratum).getString("open_alarm_id"));
    }

    private static Map.Entry<String, String> score(String tenant, String variant, boolean passed) {
        EvaluationScored scored = new EvaluationScored(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(), tenant,
                "sim-small", "no_refusal", passed, passed ? 1.0 : 0.0, passed ? "answered" : "declined", Instant.now(),
                "support-bot", variant, null, 1, 1.0);
        try {
            return Map.entry(scored.stratum(), EventJson.MAPPER.writeValueAsString(scored));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitSaved(String stratum, long samples) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> detectorRow(stratum),
                row -> row != null && row.getLong("samples") >= samples);
    }

    private Row detectorRow(String stratum) {
        var rows = database.preparedQuery("SELECT samples, open_alarm_id FROM drift_detectors WHERE id = $1")
                .execute(Tuple.of(WatchedDetector.keyOf(stratum, "no_refusal", 1))).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
