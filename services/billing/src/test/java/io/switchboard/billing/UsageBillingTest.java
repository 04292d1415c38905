package io.switchboard.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class UsageBillingTest {

    private static final Instant TEN_PAST_TEN = Instant.parse("2025-03-01T10:10:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void duplicateUsageEventIsCountedOnce() throws Exception {
        String tenant = newTenant();
        TokensUsed usage = usage(tenant, "gpt-4o-mini", 9, 3, TEN_PAST_TEN);
        String eventId = TokensUsed.eventIdFor(usage.jobId());
        publish(usage, eventId);
        publish(usage, eventId);
        // Same key, so same partition: once this later event shows, the duplicate has been consumed too.
        TokensUsed marker = usage(tenant, "gpt-4o-mini", 1, 1, TEN_PAST_TEN.minus(Duration.ofHours(2)));
        publish(marker, TokensUsed.eventIdFor(marker.jobId()));

        awaitUsage(tenant, 2);
        given().when().get("/internal/usage/" + tenant)
                .then().statusCode(200)
                .body("data[0].hour", equalTo("2025-03-01T10:00:00Z"))
                .body("data[0].prompt_tokens", equalTo(9))
                .body("data[0].completion_tokens", equalTo(3))
                .body("data[0].total_tokens", equalTo(12))
                .body("data[0].requests", equalTo(1))
                .body("data[1].hour", equalTo("2025-03-01T08:00:00Z"));
    }

    @Test
    void twoEventsOfOneHourAddUp() throws Exception {
        String tenant = newTenant();
        publishNew(usage(tenant, "gpt-4o-mini", 9, 3, Instant.parse("2025-03-01T10:05:00Z")));
        publishNew(usage(tenant, "gpt-4o-mini", 20, 5, Instant.parse("2025-03-01T10:59:59Z")));

        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/internal/usage/" + tenant)
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("tenant_id", equalTo(tenant))
                .body("data", hasSize(1))
                .body("data[0].model", equalTo("gpt-4o-mini"))
                .body("data[0].hour", equalTo("2025-03-01T10:00:00Z"))
                .body("data[0].prompt_tokens", equalTo(29))
                .body("data[0].completion_tokens", equalTo(8))
                .body("data[0].total_tokens", equalTo(37))
                .body("data[0].requests", equalTo(2)));
    }

    @Test
    void aCacheHitCountsAsARequestAndSavedSpendButBillsNoTokens() throws Exception {
        String tenant = newTenant();
        Instant at = Instant.parse("2025-03-01T12:10:00Z");
        publishNew(usage(tenant, "gpt-4o-mini", 9, 3, at));
        TokensUsed paid = usage(tenant, "gpt-4o-mini", 9, 3, at.plusSeconds(5));
        publishNew(new TokensUsed(paid.schemaVersion(), paid.jobId(), tenant, paid.model(), paid.provider(),
                paid.providerModel(), 9, 3, 12, 2, paid.occurredAt(), null, null, null, true));

        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/internal/usage/" + tenant)
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].requests", equalTo(2))
                .body("data[0].total_tokens", equalTo(12))
                .body("data[0].cache_hits", equalTo(1))
                .body("data[0].saved_tokens", equalTo(12)));
    }

    @Test
    void usageIsListedLatestHourFirstThenByModel() throws Exception {
        String tenant = newTenant();
        publishNew(usage(tenant, "gpt-4o-mini", 1, 1, TEN_PAST_TEN.minus(Duration.ofHours(1))));
        publishNew(usage(tenant, "gpt-4o-mini", 1, 1, TEN_PAST_TEN));
        publishNew(usage(tenant, "gpt-4o", 1, 1, TEN_PAST_TEN));

        awaitUsage(tenant, 3);
        given().when().get("/internal/usage/" + tenant)
                .then().body("data.model", equalTo(List.of("gpt-4o", "gpt-4o-mini", "gpt-4o-mini")))
                .body("data.hour", equalTo(List.of("2025-03-01T10:00:00Z", "2025-03-01T10:00:00Z",
                        "2025-03-01T09:00:00Z")));
    }

    @Test
    void usageIsPerTenant() throws Exception {
        String tenant = newTenant();
        String other = newTenant();
        publishNew(usage(tenant, "gpt-4o-mini", 9, 3, TEN_PAST_TEN));
        publishNew(usage(other, "gpt-4o-mini", 100, 50, TEN_PAST_TEN));

        awaitUsage(other, 1);
        awaitUsage(tenant, 1);
        given().when().get("/internal/usage/" + tenant)
                .then().body("tenant_id", equalTo(tenant))
                .body("data", hasSize(1))
                .body("data[0].total_tokens", equalTo(12));
    }

    @Test
    void unknownTenantHasAnEmptyList() {
        given().when().get("/internal/usage/" + newTenant())
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data", empty());
    }

    @Test
    void poisonUsageRecordGoesToDeadLetterTopicAndNextIsBilled() throws Exception {
        String tenant = newTenant();
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.TOKENS_USED.type(), UUID.randomUUID().toString(),
                "{ this is not json");
        publishNew(usage(tenant, "gpt-4o-mini", 9, 3, TEN_PAST_TEN));

        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> tenant.equals(r.key()), TIMEOUT);
        String reason = KafkaProbe.header(dead, "dead-letter-reason").orElseThrow();
        assertTrue(reason.contains("TokensUsed"), reason);
        assertEquals(Topic.USAGE.topicName(), KafkaProbe.header(dead, "dead-letter-topic").orElseThrow());
        awaitUsage(tenant, 1);
    }

    @Test
    void recordWithoutEventIdIsDeadLettered() throws Exception {
        String tenant = newTenant();
        kafka.send(Topic.USAGE.topicName(), tenant, json(usage(tenant, "gpt-4o-mini", 9, 3, TEN_PAST_TEN)), Map.of());

        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> tenant.equals(r.key()), TIMEOUT);
        String reason = KafkaProbe.header(dead, "dead-letter-reason").orElseThrow();
        assertTrue(reason.contains("ce_id"), reason);
        given().when().get("/internal/usage/" + tenant).then().statusCode(200).body("data", empty());
    }

    @Test
    void billedTokensAreCountedByModelAndKind() throws Exception {
        String tenant = newTenant();
        String model = "metrics-test-" + UUID.randomUUID();
        TokensUsed usage = usage(tenant, model, 9, 3, TEN_PAST_TEN);
        publish(usage, TokensUsed.eventIdFor(usage.jobId()));
        publish(usage, TokensUsed.eventIdFor(usage.jobId()));
        TokensUsed marker = usage(tenant, "gpt-4o-mini", 1, 1, TEN_PAST_TEN);
        publishNew(marker);
        awaitUsage(tenant, 2);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals("9.0", sample(metrics, model, "prompt"), "a duplicate adds nothing to the counter");
        assertEquals("3.0", sample(metrics, model, "completion"));
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    private static String sample(String metrics, String model, String kind) {
        return metrics.lines()
                .filter(line -> line.startsWith("switchboard_billing_tokens_total{"))
                .filter(line -> line.contains("model=\"" + model + "\"") && line.contains("kind=\"" + kind + "\""))
                // "name{labels} value [timestamp]": the value is the first field after the labels
                .map(line -> line.substring(line.indexOf("} ") + 2).split(" ")[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " sample for " + model));
    }

    private static void awaitUsage(String tenant, int entries) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/internal/usage/" + tenant)
                .then().statusCode(200).body("data", hasSize(entries)));
    }

    private static void publishNew(TokensUsed usage) throws Exception {
        publish(usage, TokensUsed.eventIdFor(usage.jobId()));
    }

    private static void publish(TokensUsed usage, String eventId) throws Exception {
        kafka.sendEvent(Topic.USAGE.topicName(), usage.tenantId(), EventType.TOKENS_USED.type(), eventId, json(usage));
    }

    private static String json(TokensUsed usage) throws Exception {
        return EventJson.MAPPER.writeValueAsString(usage);
    }

    private static TokensUsed usage(String tenant, String model, int prompt, int completion, Instant at) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        return new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, model, "simulator", "sim-small", prompt,
                completion, prompt + completion, 42, at);
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
