package io.switchboard.evaluator.alerts;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * The alerts view on the real broker and PostgreSQL: alerts published to {@code switchboard.quality.alerts.v1} are
 * stored once per event id and listed per tenant, with the state of each degradation; poison records go to the
 * dead-letter topic and the view goes on with the alerts behind them.
 */
@QuarkusTest
class AlertsViewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TOPIC = Topic.QUALITY_ALERTS.topicName();

    private static final KafkaProbe kafka = KafkaProbe.shared();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String tenantA = "alerts-a-" + run;
    private final String tenantB = "alerts-b-" + run;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void alertsAreStoredOncePerEventAndListedPerTenantWithTheirState() throws Exception {
        QualityAlert cleared = alert("a1-" + run, QualityAlertKind.QUALITY_DEGRADED, tenantA, "no_refusal", start);
        publish(cleared);
        publish(cleared); // redelivered, or republished: the same event id
        publish(alert("a1-" + run, QualityAlertKind.QUALITY_RECOVERED, tenantA, "no_refusal", start.plusSeconds(60)));
        // two alerts raised at the same moment: pages must still give each once
        Instant sameMoment = start.plusSeconds(120);
        publish(alert("a2-" + run, QualityAlertKind.QUALITY_DEGRADED, tenantA, "valid_json", sameMoment));
        publish(alert("a3-" + run, QualityAlertKind.QUALITY_DEGRADED, tenantA, "finish_reason", sameMoment));
        publish(alert("b1-" + run, QualityAlertKind.QUALITY_DEGRADED, tenantB, "no_refusal", start));
        publish(alert("e1-" + run, QualityAlertKind.EVALUATOR_STALLED, null, null, start));

        awaitListed(tenantA, 4);
        awaitListed(tenantB, 1);

        JsonPath own = given().queryParam("tenant", tenantA).get("/internal/quality/alerts").then().statusCode(200)
                .body("data.tenant_id", everyItem(equalTo(tenantA)))
                .extract().jsonPath();
        assertEquals(List.of("QUALITY_DEGRADED", "QUALITY_DEGRADED", "QUALITY_RECOVERED", "QUALITY_DEGRADED"),
                own.getList("data.kind"), "newest first, the redelivered alert once");
        given().queryParam("tenant", tenantA).queryParam("state", "open").get("/internal/quality/alerts").then()
                .statusCode(200).body("data", hasSize(2)).body("data.state", everyItem(equalTo("open")));
        JsonPath closed = given().queryParam("tenant", tenantA).queryParam("state", "cleared")
                .get("/internal/quality/alerts").then().statusCode(200).body("data", hasSize(1)).extract().jsonPath();
        assertEquals("a1-" + run, closed.getString("data[0].alarm_id"));
        assertEquals(start.plusSeconds(60), Instant.parse(closed.getString("data[0].cleared_at")));
        assertEquals(List.of("job_1", "job_2"), closed.getList("data[0].example_job_ids"));
        given().queryParam("tenant", tenantA).queryParam("kind", "QUALITY_RECOVERED").get("/internal/quality/alerts")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].state", equalTo(null));

        given().queryParam("tenant", tenantB).get("/internal/quality/alerts").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].alarm_id", equalTo("b1-" + run));

        // the evaluator's own alert was published last and awaited by no one yet: wait for it too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> everyone = given().queryParam("since", start.toString()).queryParam("limit", 500)
                    .get("/internal/quality/alerts").then().statusCode(200).extract().path("data.alarm_id");
            assertTrue(everyone.containsAll(List.of("a1-" + run, "a2-" + run, "a3-" + run, "b1-" + run, "e1-" + run)),
                    "without a tenant, every tenant's alerts and the evaluator's own: " + everyone);
        });
    }

    @Test
    void pagesOfAlertsGiveEachOnceEvenAtTheSameMoment() throws Exception {
        String tenant = "alerts-pages-" + run;
        for (int i = 0; i < 5; i++) {
            publish(alert("p" + i + "-" + run, QualityAlertKind.QUALITY_DEGRADED, tenant, "metric-" + i, start));
        }
        awaitListed(tenant, 5);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("tenant", tenant).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/internal/quality/alerts").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("data.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);

        assertEquals(5, walked.size());
        assertEquals(5, new HashSet<>(walked).size());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheViewGoesOn() throws Exception {
        String marker = "poison-" + run;
        // the poison and the good alert behind it share a partition, so the alert is read only after the poison
        int partition = 0;
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", EventType.QUALITY_ALERT.type(), "ce_source", "/switchboard/tests",
                "ce_time", Instant.now().toString(), "content-type", "application/json");
        kafka.send(TOPIC, partition, marker + "-not-json", "\u0000\u00ff{{ this is not JSON", headers);
        kafka.send(TOPIC, partition, marker + "-wrong-schema", "{\"schema_version\":99,\"alarm_id\":\"x\"}", headers);
        QualityAlert behind = alert("after-poison-" + run, QualityAlertKind.BUDGET_EXHAUSTED, tenantA, null, start);
        kafka.sendEvent(TOPIC, partition, behind.partitionKey(), EventType.QUALITY_ALERT.type(),
                behind.alarmId() + ":" + behind.kind().wireName(), EventJson.MAPPER.writeValueAsString(behind));

        // the dead-letter records' order is not the contract: wait for both, whichever lands first
        await().atMost(TIMEOUT).until(() -> deadLetters(marker).size() >= 2);
        List<ConsumerRecord<String, String>> dead = deadLetters(marker);
        assertEquals(2, dead.size(), "both poison records, each once");
        dead.forEach(record -> assertFalse(KafkaProbe.header(record, "dead-letter-reason").orElse("").isBlank()));

        awaitListed(tenantA, 1);
        given().queryParam("tenant", tenantA).get("/internal/quality/alerts").then().statusCode(200)
                .body("data[0].alarm_id", equalTo("after-poison-" + run))
                .body("data[0].kind", equalTo("BUDGET_EXHAUSTED"));
    }

    @Test
    void unknownKindsStatesAndCursorsAre400s() {
        given().queryParam("kind", "QUALITY_WORSE").get("/internal/quality/alerts").then().statusCode(400)
                .body("error.param", equalTo("kind")).body("error.type", equalTo("invalid_request_error"));
        given().queryParam("state", "closed").get("/internal/quality/alerts").then().statusCode(400)
                .body("error.param", equalTo("state"));
        given().queryParam("cursor", "bm90IG1pbmU").get("/internal/quality/alerts").then().statusCode(400)
                .body("error.param", equalTo("cursor"));
        given().queryParam("limit", 1000).get("/internal/quality/alerts").then().statusCode(400)
                .body("error.param", equalTo("limit"));
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String marker) {
        return kafka.collectFor(Topic.QUALITY_ALERTS_DLQ.topicName(),
                record -> record.key() != null && record.key().startsWith(marker), Duration.ofSeconds(2));
    }

    private static void awaitListed(String tenant, int count) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> given().queryParam("tenant", tenant)
                .get("/internal/quality/alerts").then().statusCode(200).extract().jsonPath().getList("data").size(),
                size -> size >= count);
        assertEquals(count, given().queryParam("tenant", tenant).get("/internal/quality/alerts").then()
                .extract().jsonPath().getList("data").size());
    }

    private static void publish(QualityAlert alert) throws Exception {
        // the evaluator's own event id: alarm id and kind
        kafka.sendEvent(TOPIC, alert.partitionKey(), EventType.QUALITY_ALERT.type(),
                alert.alarmId() + ":" + alert.kind().wireName(), EventJson.MAPPER.writeValueAsString(alert));
    }

    private static QualityAlert alert(String alarmId, QualityAlertKind kind, String tenant, String metric,
            Instant raisedAt) {
        boolean aboutQuality = metric != null;
        return new QualityAlert(EventType.SCHEMA_VERSION, alarmId, kind, tenant, tenant == null ? null : "support-bot",
                tenant == null ? null : "sim-small", tenant == null ? null : "canary", metric,
                aboutQuality ? 0.02 : null, aboutQuality ? 0.10 : null, aboutQuality ? 0.08 : null,
                aboutQuality ? 1e-7 : null, aboutQuality ? raisedAt.minusSeconds(30) : null,
                aboutQuality ? 412L : null, aboutQuality ? List.of("job_1", "job_2") : null, "test alert", raisedAt);
    }
}
