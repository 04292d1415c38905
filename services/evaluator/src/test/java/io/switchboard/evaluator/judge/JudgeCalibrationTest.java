package io.switchboard.evaluator.judge;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * Judges calibrated on the repository's gold set through the whole judge path (simulated gateway, real PostgreSQL
 * and broker): agreement measured as Cohen's kappa, a judge below the floor flagged, and a judge whose scores move
 * between daily runs reported as {@code JUDGE_MISCALIBRATED}.
 */
@QuarkusTest
@TestProfile(JudgeProfile.class)
class JudgeCalibrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final String TEMPLATE = """
            Rate how helpful the answer is to the question, score from 1 to 5.
            Question: {{prompt}}
            Answer: {{answer}}""";

    /** Out of use once calibrated: a judge in use would be asked about every answer other tests send. */
    @AfterEach
    void retire() {
        given().delete("/internal/rubrics/helpfulness");
    }

    @Test
    void aNewJudgeIsCalibratedAtOnceAndAgreesWithTheGoldLabelsAsMeasured() {
        int version = addRubric(3, "sim-judge");
        Map<String, Object> first = awaitRun(version, "first");
        assertEquals(0.832, ((Number) first.get("kappa")).doubleValue(), 0.001);
        assertEquals(22.0 / 24, ((Number) first.get("agreement")).doubleValue(), 1e-6);
        assertEquals(24, first.get("measured"));
        assertEquals(true, first.get("trusted"));
    }

    @Test
    void aJudgeBelowTheFloorIsNotTrustedAndSaysSo() throws Exception {
        // a pass mark of 4.8 fails answers the labellers passed: agreement falls to chance level or below
        int version = addRubric(4.8, "sim-judge");
        Map<String, Object> first = awaitRun(version, "first");
        assertEquals(false, first.get("trusted"));
        assertTrue(((Number) first.get("kappa")).doubleValue() < 0.6, first.toString());

        QualityAlert alert = awaitMiscalibrated("rubric v" + version + ",");
        assertEquals("judge.helpfulness", alert.metric());
        assertTrue(alert.detail().contains("below the floor 0.60"), alert.detail());
        assertTrue(alert.detail().contains("held back"), alert.detail());
        assertNull(alert.tenantId(), "an alarm about the evaluator, keyed 'evaluator'");
    }

    @Test
    void aJudgeWhoseGoldScoresMoveBetweenRunsIsMiscalibrated() throws Exception {
        int version = addRubric(3, "sim-judge-canary");
        awaitRun(version, "first");
        SimulatedGateway.simulator.degrade("[{\"model\":\"sim-judge-canary\",\"judge_shift\":-0.2}]");
        try {
            Map<String, Object> rerun = given().post("/internal/rubrics/helpfulness/calibrations")
                    .then().statusCode(201).extract().jsonPath().getMap("$");
            assertTrue(((String) rerun.get("run_key")).startsWith("manual-"));
            QualityAlert alert = awaitMiscalibrated("rubric v" + version + ",");
            assertTrue(alert.detail().contains("mean score moved"), alert.detail());
            assertEquals(-0.2, alert.effect(), 0.03);
            assertEquals(alert.current() - alert.baseline(), alert.effect(), 1e-9);
        } finally {
            SimulatedGateway.simulator.degrade("[]");
        }
    }

    private static int addRubric(double passMark, String model) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("criterion", "helpfulness", "template", TEMPLATE, "scale_min", 1, "scale_max", 5,
                        "pass_mark", passMark, "judge_model", model))
                .post("/internal/rubrics")
                .then().statusCode(201).extract().path("version");
    }

    private static Map<String, Object> awaitRun(int version, String runKey) {
        return await().atMost(TIMEOUT).until(() -> {
            List<Map<String, Object>> runs = given().get("/internal/rubrics/helpfulness/calibrations")
                    .then().statusCode(200).extract().jsonPath().getList("data");
            return runs.stream().filter(run -> Integer.valueOf(version).equals(run.get("rubric_version"))
                    && runKey.equals(run.get("run_key")) && run.get("finished_at") != null).findFirst().orElse(null);
        }, run -> run != null);
    }

    private static QualityAlert awaitMiscalibrated(String detailPart) throws Exception {
        ConsumerRecord<String, String> record = kafka.await(Topic.QUALITY_ALERTS.topicName(),
                r -> r.value().contains("JUDGE_MISCALIBRATED") && r.value().contains(detailPart), TIMEOUT);
        QualityAlert alert = EventJson.MAPPER.readValue(record.value(), QualityAlert.class);
        assertEquals(QualityAlertKind.JUDGE_MISCALIBRATED, alert.kind());
        assertEquals("evaluator", record.key());
        assertFalse(alert.detail().contains("sk-"), "no key in alerts");
        return alert;
    }
}
