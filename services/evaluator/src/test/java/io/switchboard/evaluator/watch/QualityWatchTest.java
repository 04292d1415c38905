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
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.evaluator.judge.JudgeTrust;
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

    @Inject
    JudgeTrust trust;

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

    @Test
    void aJudgesDriftRaisesAnAlarmOnlyWhenTheJudgeIsCalibrated() throws Throwable {
        String tenant = "judged-" + UUID.randomUUID().toString().substring(0, 8);
        String calibrated = "calibrated_" + UUID.randomUUID().toString().substring(0, 6);
        String uncalibrated = "uncalibrated_" + UUID.randomUUID().toString().substring(0, 6);
        database.preparedQuery("INSERT INTO judge_calibrations (criterion, rubric_version, run_key, started_at, "
                + "finished_at, kappa, agreement, measured, items, mean_score, trusted, detail) "
                + "VALUES ($1, 1, 'first', now(), now(), 0.83, 0.92, 24, 24, 0.6, true, 'test')")
                .execute(Tuple.of(calibrated)).await().indefinitely();
        VertxContextSupport.subscribeAndAwait(() -> trust.refresh());

        SplittableRandom random = new SplittableRandom(20261205);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < BASELINE + AFTER_CHANGE; i++) {
            boolean changed = i >= BASELINE;
            // judged answers: 10 % fail the rubric, then 30 %
            records.add(verdict(tenant, calibrated, random.nextDouble() >= (changed ? 0.30 : 0.10)));
            records.add(verdict(tenant, uncalibrated, random.nextDouble() >= (changed ? 0.30 : 0.10)));
        }
        kafka.sendEvents(Topic.SCORES_BY_STRATUM.topicName(), EventType.EVALUATION_SCORED.type(), records);

        ConsumerRecord<String, String> raised = kafka.await(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().startsWith(tenant + "|"), TIMEOUT);
        QualityAlert alert = EventJson.MAPPER.readValue(raised.value(), QualityAlert.class);
        assertEquals(QualityAlertKind.QUALITY_DEGRADED, alert.kind());
        assertTrue(alert.metric().startsWith("judge." + calibrated), alert.toString());

        String stratum = tenant + "|support-bot|sim-small|-";
        awaitSaved(stratum, "judge." + uncalibrated, BASELINE + AFTER_CHANGE);
        awaitSaved(stratum, "judge." + calibrated, BASELINE + AFTER_CHANGE);
        List<ConsumerRecord<String, String>> all = kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().startsWith(tenant + "|"), Duration.ofSeconds(5));
        assertTrue(all.stream().noneMatch(r -> r.value().contains(uncalibrated)), "held back: " + all);
        assertTrue(detectorRow(stratum, "judge." + uncalibrated).getString("open_alarm_id").startsWith("held_"),
                "the uncalibrated judge's detector did see the change");
    }

    private static Map.Entry<String, String> verdict(String tenant, String criterion, boolean passed) {
        EvaluationScored scored = new EvaluationScored(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(), tenant,
                "sim-small", "judge." + criterion, passed, passed ? 0.8 : 0.3, "judged", Instant.now(), "support-bot",
                null, passed ? 4.2 : 2.2, 1, 0.2);
        try {
            return Map.entry(scored.stratum(), EventJson.MAPPER.writeValueAsString(scored));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        awaitSaved(stratum, "no_refusal", samples);
    }

    private void awaitSaved(String stratum, String metric, long samples) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> detectorRow(stratum, metric),
                row -> row != null && row.getLong("samples") >= samples);
    }

    private Row detectorRow(String stratum) {
        return detectorRow(stratum, "no_refusal");
    }

    private Row detectorRow(String stratum, String metric) {
        var rows = database.preparedQuery("SELECT samples, open_alarm_id FROM drift_detectors WHERE id = $1")
                .execute(Tuple.of(WatchedDetector.keyOf(stratum, metric, 1))).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
