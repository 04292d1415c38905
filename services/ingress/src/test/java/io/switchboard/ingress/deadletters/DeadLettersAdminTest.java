package io.switchboard.ingress.deadletters;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.DeadLetterRedriven;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.DeadLetterRedrivenDeserializer;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * The dead-letter tools on the real broker: records dead-lettered on {@code switchboard.usage.v1.dlq} (one that
 * failed processing, one its consumer could not read) are inspected, redriven to {@code switchboard.usage.v1} as
 * they were first written, once each, and every redrive is on the audit topic. The usage events are valid ones of a
 * tenant of this test's own, so the billing tests that later read the shared topic book them harmlessly.
 */
@QuarkusTest
class DeadLettersAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final String DLQ = Topic.USAGE_DLQ.topicName();
    private static final String ORIGIN = Topic.USAGE.topicName();

    @Test
    void deadLettersAreInspectedAndRedrivenOnceAsFirstWrittenEachWithAnAuditEvent() throws Exception {
        String tenant = "t-redrive-" + UUID.randomUUID();
        String failed = usage(tenant);
        String unreadable = usage(tenant);
        kafka.send(DLQ, 0, tenant, failed, deadLetterHeaders("ev-failed", "flush kept failing: connection refused"));
        Map<String, String> unreadableHeaders = deadLetterHeaders("ev-unreadable", "not a valid TokensUsed");
        unreadableHeaders.put("deserialization-failure-value-data", unreadable);
        unreadableHeaders.put("deserialization-failure-reason", "Unrecognized field");
        kafka.send(DLQ, 0, tenant, null, unreadableHeaders);
        List<ConsumerRecord<String, String>> dead = kafka.collect(DLQ, r -> tenant.equals(r.key()),
                KafkaProbe.nth(2), WAIT);
        long first = dead.get(0).offset(), second = dead.get(1).offset();

        JsonPath page = admin().get("/admin/v1/dead-letters/" + DLQ + "?from_offset=" + first + "&limit=2").then()
                .statusCode(200).body("object", equalTo("list")).extract().jsonPath();
        assertEquals(List.of((int) first, (int) second), page.getList("data.offset", Integer.class));
        assertEquals("flush kept failing: connection refused", page.getString("data[0].reason"));
        assertEquals(ORIGIN, page.getString("data[0].origin_topic"));
        assertEquals(2, page.getInt("data[0].origin_partition"));
        assertEquals(failed, page.getString("data[0].value"));
        assertEquals(unreadable, page.getString("data[1].value"), "an unreadable record shows the bytes that failed");
        assertEquals(List.of(false, false), page.getList("data.redriven", Boolean.class));
        JsonPath topics = admin().get("/admin/v1/dead-letters").then().statusCode(200).extract().jsonPath();
        assertEquals(ORIGIN, topics.getString("data.find { it.topic == '" + DLQ + "' }.origin_topic"));
        assertTrue(topics.getLong("data.find { it.topic == '" + DLQ + "' }.records") >= 2);

        String body = "{\"note\":\"billing's database is back (incident 12)\",\"records\":[{\"partition\":0,\"offset\":"
                + first + "},{\"partition\":0,\"offset\":" + second + "},{\"partition\":0,\"offset\":999999999}]}";
        JsonPath outcomes = admin().body(body).post("/admin/v1/dead-letters/" + DLQ + "/redrive").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("redriven", "redriven", "not_found"), outcomes.getList("data.outcome", String.class));
        assertEquals(ORIGIN, outcomes.getString("data[0].target_topic"));

        // the copies: original key, value and headers, less the dead-lettering's, plus where they came from
        List<ConsumerRecord<String, String>> copies = kafka.collect(ORIGIN, r -> tenant.equals(r.key()),
                KafkaProbe.nth(2), WAIT);
        Map<String, ConsumerRecord<String, String>> byOrigin = new HashMap<>();
        copies.forEach(copy -> byOrigin.put(KafkaProbe.header(copy, DeadLetterCopy.REDRIVEN_FROM).orElseThrow(), copy));
        ConsumerRecord<String, String> failedCopy = byOrigin.get(DLQ + "/0/" + first);
        ConsumerRecord<String, String> unreadableCopy = byOrigin.get(DLQ + "/0/" + second);
        assertEquals(failed, failedCopy.value());
        assertEquals(unreadable, unreadableCopy.value());
        assertEquals("ev-failed", KafkaProbe.header(failedCopy, "ce_id").orElseThrow());
        assertEquals(EventType.TOKENS_USED.type(), KafkaProbe.header(unreadableCopy, "ce_type").orElseThrow());
        for (ConsumerRecord<String, String> copy : copies) {
            copy.headers().forEach(header -> assertFalse(header.key().startsWith("dead-letter-")
                    || header.key().startsWith("deserialization-failure-"), header.key()));
        }
        assertEquals(failedCopy.offset(), outcomes.getLong("data[0].target_offset"));
        assertEquals(failedCopy.partition(), outcomes.getInt("data[0].target_partition"));

        // the audit events, by the records' coordinates
        List<ConsumerRecord<String, String>> audit = kafka.collect(Topic.AUDIT.topicName(),
                r -> DLQ.equals(r.key()) && KafkaProbe.header(r, "ce_id").orElse("").startsWith(DLQ + "/0/")
                        && (r.value().contains("\"dead_letter_offset\":" + first + ",")
                                || r.value().contains("\"dead_letter_offset\":" + second + ",")),
                KafkaProbe.nth(2), WAIT);
        try (DeadLetterRedrivenDeserializer reader = new DeadLetterRedrivenDeserializer()) {
            DeadLetterRedriven event = reader.deserialize(Topic.AUDIT.topicName(), audit.get(0).value().getBytes());
            assertEquals(EventType.DEAD_LETTER_REDRIVEN.type(), KafkaProbe.header(audit.get(0), "ce_type").orElseThrow());
            assertEquals(event.redriveId(), KafkaProbe.header(audit.get(0), "ce_id").orElseThrow());
            assertEquals(ORIGIN, event.targetTopic());
            assertEquals("billing's database is back (incident 12)", event.note());
            assertEquals("flush kept failing: connection refused", event.deadLetterReason());
            assertEquals(failedCopy.offset(), event.targetOffset());
        }

        // asked again: nothing published again
        JsonPath again = admin().body(body).post("/admin/v1/dead-letters/" + DLQ + "/redrive").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("already_redriven", "already_redriven", "not_found"),
                again.getList("data.outcome", String.class));
        assertEquals(2, kafka.collectFor(ORIGIN, r -> tenant.equals(r.key()), Duration.ofSeconds(3)).size());
        admin().get("/admin/v1/dead-letters/" + DLQ + "?from_offset=" + first + "&limit=2").then().statusCode(200)
                .body("data[0].redriven", equalTo(true)).body("data[1].redriven", equalTo(true));
    }

    @Test
    void aPageEndsWithNextOffsetNullAndContinuesFromNextOffset() throws Exception {
        String tenant = "t-redrive-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            kafka.send(DLQ, 0, tenant, usage(tenant), deadLetterHeaders("ev-" + i, "failed " + i));
        }
        long first = kafka.collect(DLQ, r -> tenant.equals(r.key()), r -> true, WAIT).getLast().offset();
        JsonPath page = admin().get("/admin/v1/dead-letters/" + DLQ + "?from_offset=" + first + "&limit=2").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, page.getList("data").size());
        long next = page.getLong("next_offset");
        assertEquals(first + 2, next);
        admin().get("/admin/v1/dead-letters/" + DLQ + "?from_offset=999999999").then().statusCode(200)
                .body("data.size()", equalTo(0)).body("next_offset", nullValue());
    }

    @Test
    void badRedrivesAndPagesAreRefusedWithOpenAiErrorsAndTheToolsNeedTheAdminCredential() {
        admin().get("/admin/v1/dead-letters/switchboard.nothing.dlq").then().statusCode(404)
                .body("error.code", equalTo("dead_letter_topic_not_found"));
        admin().get("/admin/v1/dead-letters/" + ORIGIN).then().statusCode(404)
                .body("error.code", equalTo("dead_letter_topic_not_found"));
        admin().get("/admin/v1/dead-letters/" + DLQ + "?limit=abc").then().statusCode(400)
                .body("error.param", equalTo("limit")).body("error.type", equalTo("invalid_request_error"));
        admin().get("/admin/v1/dead-letters/" + DLQ + "?partition=1").then().statusCode(400)
                .body("error.param", equalTo("partition"));
        admin().get("/admin/v1/dead-letters/" + DLQ + "?offset=3").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"));
        String redrive = "/admin/v1/dead-letters/" + DLQ + "/redrive";
        admin().body("{\"records\":[{\"partition\":0,\"offset\":1}]}").post(redrive).then().statusCode(400)
                .body("error.param", equalTo("note"));
        admin().body("{\"note\":\"fixed\",\"records\":[]}").post(redrive).then().statusCode(400)
                .body("error.param", equalTo("records"));
        admin().body("{\"note\":\"fixed\",\"records\":[{\"partition\":0}]}").post(redrive).then().statusCode(400)
                .body("error.param", equalTo("records[0]"));
        admin().body("{\"note\":\"fixed\",\"records\":[{\"partition\":0,\"offset\":-1}]}").post(redrive).then()
                .statusCode(400).body("error.param", equalTo("records[0]"));
        admin().body("{\"note\":\"fixed\",\"records\":[{\"partition\":0,\"offset\":\"x\"}]}").post(redrive).then()
                .statusCode(400).body("error.type", equalTo("invalid_request_error"));
        admin().body("{not json").post(redrive).then().statusCode(400).body("error.code", equalTo("invalid_json"));
        given().get("/admin/v1/dead-letters").then().statusCode(401);
        given().contentType("application/json").body("{\"note\":\"x\",\"records\":[{\"partition\":0,\"offset\":1}]}")
                .post(redrive).then().statusCode(401);
    }

    private static Map<String, String> deadLetterHeaders(String eventId, String reason) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_type", EventType.TOKENS_USED.type());
        headers.put("ce_source", "/switchboard/worker");
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-topic", ORIGIN);
        headers.put("dead-letter-partition", "2");
        headers.put("dead-letter-offset", "17");
        return headers;
    }

    private static String usage(String tenant) throws Exception {
        return EventJson.MAPPER.writeValueAsString(new TokensUsed(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(),
                tenant, "gpt-4o-mini", "simulator", "sim-small", 10, 5, 15, 42, Instant.now(), null, null, null, false,
                null, null, null, null, null, null));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json");
    }
}
