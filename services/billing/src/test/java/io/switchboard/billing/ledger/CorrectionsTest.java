package io.switchboard.billing.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.billing.analytics.HourCloser;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsageAmended;
import io.switchboard.contracts.events.UsageHourly;
import io.switchboard.contracts.events.UsagePriceCorrected;
import io.switchboard.contracts.events.UsagePriced;
import io.switchboard.contracts.events.UsageVoided;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Corrections against the running service, the real broker and PostgreSQL: a void or an amend is booked once as an
 * entry of its own, and the ledger's hours, the budgets, the usage API and the organization reports move by exactly
 * its delta; the original entry is never touched. Prices are {@code FixedTestPrices}: $1 and $2 per million input
 * and output tokens, i.e. 1,000,000 and 2,000,000 picodollars a token.
 */
@QuarkusTest
class CorrectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final long INPUT = 1_000_000L;
    private static final long OUTPUT = 2_000_000L;

    @Inject
    Pool pool;

    @Inject
    HourCloser closer;

    @Test
    void aVoidDeliveredThreeTimesTakesItsUsageBackOnceFromTheHourTheBudgetAndTheReports() throws Exception {
        String tenant = newTenant();
        String budget = dailyBudget(tenant);
        Instant now = Instant.now();
        TokensUsed voidedUsage = usage(tenant, 900, 300, now);
        TokensUsed kept = usage(tenant, 100, 50, now);
        publish(voidedUsage);
        publish(kept);
        awaitEntries(tenant, 2);
        LedgerDb db = new LedgerDb(pool);
        Map<String, Object> originalBefore = row(db, tenant, TokensUsed.eventIdFor(voidedUsage.jobId()));

        String voidId = UUID.randomUUID().toString();
        UsageVoided voided = new UsageVoided(EventType.SCHEMA_VERSION, tenant,
                TokensUsed.eventIdFor(voidedUsage.jobId()), "provider refund", Instant.now());
        for (int i = 0; i < 3; i++) {
            kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_VOIDED.type(), voidId,
                    EventJson.MAPPER.writeValueAsString(voided));
        }
        publishMarker(tenant);
        awaitEntries(tenant, 4); // the two usages, the void once, the marker

        // the void's entry: the original's lines negated, at its price version, in its hour; the original untouched
        Row entry = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, voidId);
        assertEquals(TokensUsed.eventIdFor(voidedUsage.jobId()), entry.getString("corrects_event_id"));
        assertEquals("void", entry.getString("correction"));
        assertEquals(-900L, entry.getLong("prompt_tokens"));
        assertEquals(-300L, entry.getLong("completion_tokens"));
        assertEquals(-1_200L, entry.getLong("total_tokens"));
        assertEquals(-900 * INPUT, entry.getLong("input_pusd"));
        assertEquals(-300 * OUTPUT, entry.getLong("output_pusd"));
        assertEquals("test-fixed-prices", entry.getString("price_version"));
        assertEquals(voidedUsage.occurredAt().truncatedTo(ChronoUnit.MICROS),
                entry.getOffsetDateTime("occurred_at").toInstant());
        assertEquals(originalBefore, row(db, tenant, TokensUsed.eventIdFor(voidedUsage.jobId())));

        // every total is the kept usage and the marker's; the voided call still was a call
        long keptCost = 100 * INPUT + 50 * OUTPUT + 1 * INPUT + 1 * OUTPUT;
        Map<String, BigDecimal> hourly = db.totals(tenant);
        assertEquals(0, new BigDecimal(3).compareTo(hourly.get("requests")), "a correction is not a request");
        assertEquals(0, new BigDecimal(101).compareTo(hourly.get("prompt_tokens")));
        assertEquals(0, new BigDecimal(51).compareTo(hourly.get("completion_tokens")));
        assertEquals(0, BigDecimal.valueOf(keptCost).compareTo(hourly.get("cost_pusd")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(keptCost, spent(budget)));
        JsonNode usageApi = json(given().get("/internal/usage/" + tenant).then().statusCode(200).extract().asString());
        assertEquals(152, sum(usageApi.path("data"), "total_tokens"));
        assertEquals(3, sum(usageApi.path("data"), "requests"));
        assertEquals(0, new BigDecimal("0.000203").compareTo(decimalSum(usageApi.path("data"), "cost_usd")));

        String start = Long.toString(now.minus(Duration.ofHours(2)).getEpochSecond());
        for (String width : List.of("1h", "1m")) { // from the hourly rollups, and from the entries
            JsonNode completions = results(given().queryParam("start_time", start).queryParam("bucket_width", width)
                    .queryParam("limit", width.equals("1m") ? 1440 : 24)
                    .get("/internal/organization/" + tenant + "/usage/completions"));
            assertEquals(101, sum(completions, "input_tokens"), width);
            assertEquals(51, sum(completions, "output_tokens"), width);
            assertEquals(3, sum(completions, "num_model_requests"), width);
        }
        JsonNode costs = results(given().queryParam("start_time", start).get("/internal/organization/" + tenant
                + "/costs"));
        BigDecimal amount = BigDecimal.ZERO;
        for (JsonNode result : costs) {
            amount = amount.add(result.path("amount").path("value").decimalValue());
        }
        assertEquals(0, new BigDecimal("0.000203").compareTo(amount));
    }

    @Test
    void anAmendBooksTheDifferenceAtTheOriginalsPriceAndAVoidAfterItTakesBackWhatStands() throws Exception {
        String tenant = newTenant();
        String budget = dailyBudget(tenant);
        TokensUsed original = usage(tenant, 900, 300, Instant.now());
        String originalId = TokensUsed.eventIdFor(original.jobId());
        publish(original);
        awaitEntries(tenant, 1);

        // through the admin API, sent twice with one idempotency key: one event id, booked once
        String amend = """
                {"tenant_id":"%s","corrects_event_id":"%s","correction":"amend","reason":"provider invoice",
                 "usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200,"cached_tokens":0}}
                """.formatted(tenant, originalId);
        String amendId = issue(amend, "invoice-2025-03");
        assertEquals(amendId, issue(amend, "invoice-2025-03"));
        awaitEntries(tenant, 2);
        LedgerDb db = new LedgerDb(pool);
        Row amended = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, amendId);
        assertEquals("amend", amended.getString("correction"));
        assertEquals(100L, amended.getLong("prompt_tokens"));
        assertEquals(-100L, amended.getLong("completion_tokens"));
        assertEquals(0L, amended.getLong("total_tokens"));
        assertEquals(100 * INPUT, amended.getLong("input_pusd"));
        assertEquals(-100 * OUTPUT, amended.getLong("output_pusd"));
        long amendedCost = 1_000 * INPUT + 200 * OUTPUT;
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(amendedCost, spent(budget)));
        assertEquals(0, BigDecimal.valueOf(amendedCost).compareTo(db.totals(tenant).get("cost_pusd")));
        assertEquals(0, BigDecimal.ONE.compareTo(db.totals(tenant).get("requests")));

        // a void after the amend takes back the usage as it stands: everything returns to zero
        String voidId = issue("""
                {"tenant_id":"%s","corrects_event_id":"%s","correction":"void","reason":"test traffic"}
                """.formatted(tenant, originalId), null);
        awaitEntries(tenant, 3);
        Row voided = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, voidId);
        assertEquals(-1_000L, voided.getLong("prompt_tokens"));
        assertEquals(-200L, voided.getLong("completion_tokens"));
        Map<String, BigDecimal> totals = db.totals(tenant);
        assertEquals(0, BigDecimal.ZERO.compareTo(totals.get("prompt_tokens")));
        assertEquals(0, BigDecimal.ZERO.compareTo(totals.get("completion_tokens")));
        assertEquals(0, BigDecimal.ZERO.compareTo(totals.get("cost_pusd")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(0L, spent(budget)));

        // nothing is left to correct: the admin API says so, and a correction published anyway is dead-lettered
        given().contentType(ContentType.JSON).body(amend).post("/internal/usage-corrections").then().statusCode(409)
                .body("error.code", org.hamcrest.Matchers.equalTo("already_voided"))
                .body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"));
        String secondVoid = UUID.randomUUID().toString();
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_VOIDED.type(), secondVoid,
                EventJson.MAPPER.writeValueAsString(new UsageVoided(EventType.SCHEMA_VERSION, tenant, originalId,
                        "again", Instant.now())));
        String lateAmend = UUID.randomUUID().toString();
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_AMENDED.type(), lateAmend,
                EventJson.MAPPER.writeValueAsString(new UsageAmended(EventType.SCHEMA_VERSION, tenant, originalId,
                        "after the void", 5, 5, 10, null, null, null, null, Instant.now())));
        for (String refused : List.of(secondVoid, lateAmend)) {
            ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                    r -> refused.equals(KafkaProbe.header(r, "ce_id").orElse(null)), TIMEOUT);
            assertEquals(DeadLetter.ALREADY_VOIDED, KafkaProbe.header(dead, "dead-letter-cause").orElseThrow());
        }
        publishMarker(tenant);
        awaitEntries(tenant, 4);
        assertEquals(0, BigDecimal.valueOf(1 * INPUT + 1 * OUTPUT).compareTo(db.totals(tenant).get("cost_pusd")));
    }

    /** Usage, its amend and its void sent back to back: usually one poll, one flush, in order. */
    @Test
    void aCorrectionMayFollowItsUsageInTheSameBatch() throws Exception {
        String tenant = newTenant();
        TokensUsed original = usage(tenant, 900, 300, Instant.now());
        String originalId = TokensUsed.eventIdFor(original.jobId());
        String amendId = UUID.randomUUID().toString();
        String voidId = UUID.randomUUID().toString();
        publish(original);
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_AMENDED.type(), amendId,
                EventJson.MAPPER.writeValueAsString(new UsageAmended(EventType.SCHEMA_VERSION, tenant, originalId,
                        "recount", 400, 100, 500, null, null, null, null, Instant.now())));
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_VOIDED.type(), voidId,
                EventJson.MAPPER.writeValueAsString(new UsageVoided(EventType.SCHEMA_VERSION, tenant, originalId,
                        "refund", Instant.now())));
        awaitEntries(tenant, 3);
        LedgerDb db = new LedgerDb(pool);
        Row amended = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, amendId);
        assertEquals(-500L, amended.getLong("prompt_tokens"));
        assertEquals(-200L, amended.getLong("completion_tokens"));
        Row voided = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, voidId);
        assertEquals(-400L, voided.getLong("prompt_tokens"), "the void takes back the usage as amended");
        assertEquals(-(400 * INPUT + 100 * OUTPUT), voided.getLong("input_pusd") + voided.getLong("output_pusd"));
        Map<String, BigDecimal> totals = db.totals(tenant);
        assertEquals(0, BigDecimal.ZERO.compareTo(totals.get("prompt_tokens")));
        assertEquals(0, BigDecimal.ZERO.compareTo(totals.get("cost_pusd")));
        assertEquals(0, BigDecimal.ONE.compareTo(totals.get("requests")));
    }

    @Test
    void aCorrectionOfAnEventNeverBookedIsDeadLetteredAndBookingGoesOn() throws Exception {
        String tenant = newTenant();
        String unknown = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body("""
                {"tenant_id":"%s","corrects_event_id":"%s","correction":"void","reason":"typo"}
                """.formatted(tenant, unknown)).post("/internal/usage-corrections").then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("not_found"))
                .body("error.param", org.hamcrest.Matchers.equalTo("corrects_event_id"));

        String voidId = UUID.randomUUID().toString();
        kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.USAGE_VOIDED.type(), voidId,
                EventJson.MAPPER.writeValueAsString(new UsageVoided(EventType.SCHEMA_VERSION, tenant, unknown,
                        "published without the API", Instant.now())));
        publishMarker(tenant);
        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> voidId.equals(KafkaProbe.header(r, "ce_id").orElse(null)), TIMEOUT);
        assertEquals(DeadLetter.UNKNOWN_ORIGINAL, KafkaProbe.header(dead, "dead-letter-cause").orElseThrow());
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").orElseThrow().contains("never booked"));
        assertTrue(dead.value().contains(unknown), "the dead letter carries the correction");
        awaitEntries(tenant, 1); // the marker: the partition was not stalled
        assertNull(new LedgerDb(pool).single("SELECT 1 FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2",
                tenant, voidId));
    }

    @Test
    void aCorrectionOfAClosedHourIsANegativeAdjustmentAndASignedPricedRecord() throws Exception {
        // every hour up to the last due one is closed (a first closing counts older hours as closed too)
        closer.closeDue(Instant.now()).await().atMost(TIMEOUT);
        String tenant = newTenant();
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS).plusSeconds(600);
        TokensUsed original = usage(tenant, 900, 300, twoDaysAgo);
        String originalId = TokensUsed.eventIdFor(original.jobId());
        publish(original);
        awaitEntries(tenant, 1);
        String voidId = issue("""
                {"tenant_id":"%s","corrects_event_id":"%s","correction":"void","reason":"closed-hour refund"}
                """.formatted(tenant, originalId), null);
        awaitEntries(tenant, 2);

        // the hourly topic: the original's adjustment, then the void's, which takes it back and counts no request
        List<ConsumerRecord<String, String>> adjustments = kafka.collect(Topic.USAGE_HOURLY.topicName(),
                r -> tenant.equals(r.key()), r -> r.value().contains("-900"), TIMEOUT);
        UsageHourly taken = EventJson.MAPPER.readValue(adjustments.getLast().value(), UsageHourly.class);
        UsageHourly added = EventJson.MAPPER.readValue(adjustments.getFirst().value(), UsageHourly.class);
        assertEquals(UsageHourly.ADJUSTMENT, taken.kind());
        assertEquals(twoDaysAgo.truncatedTo(ChronoUnit.HOURS), taken.hour());
        assertEquals(0, taken.requests());
        assertEquals(-900, taken.promptTokens());
        assertEquals(-300, taken.completionTokens());
        assertEquals(-(900 * INPUT + 300 * OUTPUT), taken.costPusd());
        assertEquals(added.rollupId(), taken.rollupId(), "both adjust the same combination of the hour");
        assertEquals(1, added.requests() + taken.requests());
        assertEquals(0, added.costPusd() + taken.costPusd());

        // the priced topic: the usage as UsagePriced, the void as a signed UsagePriceCorrected naming it
        Map<String, ConsumerRecord<String, String>> priced = new HashMap<>();
        kafka.collect(Topic.USAGE_PRICED.topicName(), r -> tenant.equals(r.key()),
                r -> r.value().contains(voidId), TIMEOUT)
                .forEach(r -> priced.put(KafkaProbe.header(r, "ce_id").orElseThrow(), r));
        ConsumerRecord<String, String> correctionRecord = priced.get(UsagePriced.entryIdFor(tenant, voidId));
        assertEquals(EventType.USAGE_PRICE_CORRECTED.type(), KafkaProbe.header(correctionRecord, "ce_type").orElseThrow());
        UsagePriceCorrected correction = EventJson.MAPPER.readValue(correctionRecord.value(),
                UsagePriceCorrected.class);
        UsagePriced usagePriced = EventJson.MAPPER.readValue(
                priced.get(UsagePriced.entryIdFor(tenant, originalId)).value(), UsagePriced.class);
        assertEquals(UsagePriced.entryIdFor(tenant, originalId), correction.correctsEntryId());
        assertEquals(UsagePriceCorrected.VOID, correction.correction());
        assertEquals(-usagePriced.costPusd(), correction.costPusd());
        assertEquals(-usagePriced.totalTokens(), correction.totalTokens());
        assertEquals(usagePriced.priceVersion(), correction.priceVersion());
        assertEquals(usagePriced.occurredAt(), correction.occurredAt());
        assertEquals("-0.001500000000", correction.costUsd());
    }

    // ---------------------------------------------------------------- helpers

    private static String issue(String body, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/internal/usage-corrections").then().statusCode(202)
                .body("object", org.hamcrest.Matchers.equalTo("usage.correction"))
                .body("status", org.hamcrest.Matchers.equalTo("published")).extract().path("id");
    }

    private static String dailyBudget(String tenant) {
        return given().contentType(ContentType.JSON).body("""
                {"scope":"tenant","tenant_id":"%s","period":"daily","time_zone":"UTC","unit":"usd","limit":"1",
                 "enforcement":"soft"}""".formatted(tenant))
                .post("/internal/budgets").then().statusCode(201).extract().path("id");
    }

    private static long spent(String budget) {
        Number spent = given().get("/internal/budgets/" + budget).then().statusCode(200).extract()
                .path("current_period.spent");
        return spent.longValue();
    }

    private static Map<String, Object> row(LedgerDb db, String tenant, String eventId) {
        Row row = db.single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant, eventId);
        return row.toJson().getMap();
    }

    private static JsonNode results(String page) throws Exception {
        var all = EventJson.MAPPER.createArrayNode();
        json(page).path("data").forEach(bucket -> bucket.path("results").forEach(all::add));
        return all;
    }

    private static JsonNode results(io.restassured.response.Response response) throws Exception {
        return results(response.then().statusCode(200).extract().asString());
    }

    private static JsonNode json(String text) throws Exception {
        return EventJson.MAPPER.readTree(text);
    }

    private static long sum(JsonNode rows, String field) {
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.path(field).asLong();
        }
        return sum;
    }

    private static BigDecimal decimalSum(JsonNode rows, String field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            sum = sum.add(row.path(field).decimalValue());
        }
        return sum;
    }

    private void awaitEntries(String tenant, long entries) {
        await().atMost(TIMEOUT).until(() -> new LedgerDb(pool).entries(tenant) == entries);
    }

    private static void publish(TokensUsed usage) throws Exception {
        kafka.sendEvent(Topic.USAGE.topicName(), usage.tenantId(), EventType.TOKENS_USED.type(),
                TokensUsed.eventIdFor(usage.jobId()), EventJson.MAPPER.writeValueAsString(usage));
    }

    /** One token in and out, after the records under test: once it is booked, they were read. */
    private static void publishMarker(String tenant) throws Exception {
        publish(usage(tenant, 1, 1, Instant.now()));
    }

    private static TokensUsed usage(String tenant, int prompt, int completion, Instant at) {
        return new TokensUsed(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID().toString().replace("-", ""), tenant,
                "gpt-4o-mini", "simulator", "sim-small", prompt, completion, prompt + completion, 42, at);
    }

    private static String newTenant() {
        return "t-" + UUID.randomUUID();
    }
}
