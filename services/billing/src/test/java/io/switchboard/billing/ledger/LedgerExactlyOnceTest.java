package io.switchboard.billing.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The running billing service against the real broker and PostgreSQL: each usage event is booked once
 * whatever the delivery, and what cannot be booked goes to the dead-letter topic while booking carries on.
 */
@QuarkusTest
class LedgerExactlyOnceTest {

    private static final Instant TEN_PAST_TEN = Instant.parse("2025-03-01T10:10:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Test
    void theSameEventThreeTimesCountsOnce() throws Exception {
        String tenant = newTenant();
        TokensUsed usage = usage(tenant, "gpt-4o-mini", 900, 300, TEN_PAST_TEN);
        for (int i = 0; i < 3; i++) {
            publish(usage, TokensUsed.eventIdFor(usage.jobId()));
        }
        publishMarker(tenant);

        awaitRequests(tenant, 2);
        LedgerDb db = new LedgerDb(pool);
        assertEquals(2, db.entries(tenant));
        given().when().get("/internal/usage/" + tenant).then()
                .body("data[0].hour", equalTo("2025-03-01T10:00:00Z"))
                .body("data[0].requests", equalTo(1))
                .body("data[0].prompt_tokens", equalTo(900))
                .body("data[0].completion_tokens", equalTo(300))
                // $1 per million input tokens, $2 per million output (FixedTestPrices): 900 + 600 microdollars
                .body("data[0].cost_usd", equalTo(0.0015f));
    }

    @Test
    void theSameEventIdInTwoTenantsCountsInBoth() throws Exception {
        String tenant = newTenant();
        String other = newTenant();
        String sharedId = UUID.randomUUID().toString();
        publish(usage(tenant, "gpt-4o-mini", 10, 5, TEN_PAST_TEN), sharedId);
        publish(usage(other, "gpt-4o-mini", 20, 7, TEN_PAST_TEN), sharedId);

        awaitRequests(tenant, 1);
        awaitRequests(other, 1);
        given().when().get("/internal/usage/" + tenant).then().body("data[0].total_tokens", equalTo(15));
        given().when().get("/internal/usage/" + other).then().body("data[0].total_tokens", equalTo(27));
    }

    @Test
    void aConflictingPayloadUnderABookedIdIsDeadLetteredAndBookingCarriesOn() throws Exception {
        String tenant = newTenant();
        TokensUsed first = usage(tenant, "gpt-4o-mini", 10, 5, TEN_PAST_TEN);
        String eventId = TokensUsed.eventIdFor(first.jobId());
        publish(first, eventId);
        awaitRequests(tenant, 1);
        TokensUsed reused = new TokensUsed(first.schemaVersion(), first.jobId(), tenant, first.model(),
                first.provider(), first.providerModel(), 999, 5, 1004, 42, first.occurredAt());
        publish(reused, eventId);
        publishMarker(tenant);

        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> tenant.equals(r.key()) && r.value().contains("999"), TIMEOUT);
        assertEquals(DeadLetter.CONFLICTING_PAYLOAD, KafkaProbe.header(dead, "dead-letter-cause").orElseThrow());
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").orElseThrow().contains("another payload"));
        assertEquals(eventId, KafkaProbe.header(dead, "ce_id").orElseThrow());
        awaitRequests(tenant, 2);
        given().when().get("/internal/usage/" + tenant).then()
                .body("data.find { it.hour == '2025-03-01T10:00:00Z' }.prompt_tokens", equalTo(10));
    }

    @Test
    void anEventDatedTooFarInTheFutureIsDeadLetteredAndBookingCarriesOn() throws Exception {
        String tenant = newTenant();
        TokensUsed future = usage(tenant, "gpt-4o-mini", 10, 5, Instant.now().plus(Duration.ofHours(2)));
        publishNew(future);
        // within the tolerated skew (10 minutes by default): booked
        publishNew(usage(tenant, "gpt-4o-mini", 1, 1, Instant.now().plus(Duration.ofMinutes(2))));

        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> tenant.equals(r.key()), TIMEOUT);
        assertEquals(DeadLetter.FUTURE_DATED, KafkaProbe.header(dead, "dead-letter-cause").orElseThrow());
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").orElseThrow().contains("in the future"));
        assertTrue(dead.value().contains(future.jobId()));
        awaitRequests(tenant, 1);
        given().when().get("/internal/usage/" + tenant).then().body("data[0].total_tokens", equalTo(2));
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("switchboard_billing_dead_letters_total{")
                && line.contains("reason=\"future_dated\"")), "dead letters are counted by reason");
    }

    @Test
    void aLateEventLandsInItsEventTimeHour() throws Exception {
        String tenant = newTenant();
        Instant now = Instant.now();
        Instant lastWeek = now.minus(Duration.ofDays(7));
        publishNew(usage(tenant, "gpt-4o-mini", 1, 1, now));
        publishNew(usage(tenant, "gpt-4o-mini", 3, 3, lastWeek));

        awaitRequests(tenant, 2);
        given().when().get("/internal/usage/" + tenant).then()
                .body("data", hasSize(2))
                .body("data[1].hour", equalTo(lastWeek.truncatedTo(ChronoUnit.HOURS).toString()))
                .body("data[1].total_tokens", equalTo(6));
    }

    @Test
    void everyTokenFieldTheKeyAndTheBatchLaneAreBooked() throws Exception {
        String tenant = newTenant();
        TokensUsed plain = usage(tenant, "gpt-4o-mini", 1000, 400, TEN_PAST_TEN);
        TokensUsed detailed = new TokensUsed(plain.schemaVersion(), plain.jobId(), tenant, plain.model(),
                plain.provider(), plain.providerModel(), 1000, 400, 1400, 42, TEN_PAST_TEN, "chat", "b", "t1", null,
                600, 100, 40, 150, true, "key_123").withTokenDetails(600, 100, 40, 150);
        publishNew(detailed);

        awaitRequests(tenant, 1);
        given().when().get("/internal/usage/" + tenant).then()
                .body("data[0].cached_tokens", equalTo(600))
                .body("data[0].cache_write_tokens", equalTo(100))
                .body("data[0].cache_write_1h_tokens", equalTo(40))
                .body("data[0].reasoning_tokens", equalTo(150));
        Row entry = new LedgerDb(pool).single("SELECT * FROM ledger_entries WHERE tenant_id = $1", tenant);
        assertEquals("key_123", entry.getString("api_key_id"));
        assertEquals(true, entry.getBoolean("batch"));
        assertEquals("chat", entry.getString("route"));
        assertEquals(TokensUsed.eventIdFor(plain.jobId()), entry.getString("event_id"));
        assertEquals("test-fixed-prices", entry.getString("price_version"));
        assertEquals(1000L * 1_000_000, entry.getLong("input_pusd"));
        Row hour = new LedgerDb(pool).single("SELECT * FROM ledger_hourly WHERE tenant_id = $1", tenant);
        assertEquals("key_123", hour.getString("api_key_id"));
        assertEquals("b", hour.getString("variant"));
        assertEquals(true, hour.getBoolean("batch"));
        assertEquals(0, new BigDecimal(800_000_000L).compareTo(hour.getBigDecimal("output_pusd")));
    }

    /**
     * A worker that crashed after publishing a job's usage runs the job again on redelivery and publishes its
     * usage again, under the job's event id, stamped later: the same usage, booked once, not a conflict.
     */
    @Test
    void aRedeliveredJobsUsageStampedLaterIsTheSameEventNotAConflict() throws Exception {
        String tenant = newTenant();
        TokensUsed first = usage(tenant, "gpt-4o-mini", 10, 5, TEN_PAST_TEN);
        TokensUsed again = new TokensUsed(first.schemaVersion(), first.jobId(), tenant, first.model(),
                first.provider(), first.providerModel(), 10, 5, 15, 77, TEN_PAST_TEN.plusSeconds(95));
        publishNew(first);
        publishNew(again);
        publishMarker(tenant);

        awaitRequests(tenant, 2);
        // the marker's flush sent (and awaited) any dead letter of the records before it on its partition
        assertEquals(List.of(), kafka.collectFor(Topic.USAGE.deadLetterName(), r -> tenant.equals(r.key()),
                Duration.ofSeconds(3)));
        assertEquals(TEN_PAST_TEN, new LedgerDb(pool).single("SELECT occurred_at FROM ledger_entries WHERE "
                + "tenant_id = $1 AND job_id = $2", tenant, first.jobId()).getOffsetDateTime("occurred_at")
                .toInstant(), "the first delivery booked stays");
    }

    /**
     * PostgreSQL refuses a text holding a NUL character (SQLSTATE 22021): that entry is dead-lettered with
     * PostgreSQL's reason, the rest of its batch is booked, and the partition goes on.
     */
    @Test
    void anEntryPostgresRefusesIsDeadLetteredAndItsPartitionCarriesOn() throws Exception {
        String tenant = newTenant();
        TokensUsed plain = usage(tenant, "gpt-4o-mini", 4, 4, TEN_PAST_TEN);
        TokensUsed poisoned = new TokensUsed(plain.schemaVersion(), plain.jobId(), tenant, plain.model(),
                plain.provider(), plain.providerModel(), 4, 4, 8, 42, TEN_PAST_TEN, "chat\0", null, null, null);
        publishNew(usage(tenant, "gpt-4o-mini", 1, 2, TEN_PAST_TEN));
        publishNew(poisoned);
        publishMarker(tenant);

        ConsumerRecord<String, String> dead = kafka.await(Topic.USAGE.deadLetterName(),
                r -> tenant.equals(r.key()), TIMEOUT);
        assertEquals(DeadLetter.REJECTED_BY_DATABASE, KafkaProbe.header(dead, "dead-letter-cause").orElseThrow());
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").orElseThrow().contains("SQLSTATE 22"),
                KafkaProbe.header(dead, "dead-letter-reason").orElseThrow());
        assertTrue(dead.value().contains(poisoned.jobId()));
        awaitRequests(tenant, 2);
        given().when().get("/internal/usage/" + tenant).then()
                .body("data.find { it.hour == '2025-03-01T10:00:00Z' }.total_tokens", equalTo(3));
    }

    /**
     * The first attempt to book the tenant's usage fails inside PostgreSQL (a trigger raises after the ledger
     * entry was inserted in the same transaction); the retried flush books it, once.
     */
    @Test
    void aFailedFlushIsRetriedAndCountsTheEventOnceNeverZero() throws Exception {
        String tenant = newTenant();
        String suffix = UUID.randomUUID().toString().replace("-", "");
        LedgerDb db = new LedgerDb(pool);
        db.execute("CREATE SEQUENCE fail_once_" + suffix);
        db.execute("""
                CREATE FUNCTION fail_once_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.tenant_id = '%2$s' AND nextval('fail_once_%1$s') = 1 THEN
                    RAISE EXCEPTION 'injected: the first flush of %2$s fails';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(suffix, tenant));
        db.execute("CREATE TRIGGER fail_once_" + suffix + " BEFORE INSERT ON ledger_hourly FOR EACH ROW EXECUTE "
                + "FUNCTION fail_once_" + suffix + "()");
        try {
            publishNew(usage(tenant, "gpt-4o-mini", 9, 3, TEN_PAST_TEN));

            awaitRequests(tenant, 1);
            assertEquals(1, db.entries(tenant));
            long attempts = db.single("SELECT last_value FROM fail_once_" + suffix).getLong("last_value");
            assertTrue(attempts >= 2, "the flush failed once and was tried again (" + attempts + " attempts)");
            given().when().get("/internal/usage/" + tenant).then().body("data[0].total_tokens", equalTo(12));
        } finally {
            db.execute("DROP TRIGGER fail_once_" + suffix + " ON ledger_hourly");
            db.execute("DROP FUNCTION fail_once_" + suffix + "()");
            db.execute("DROP SEQUENCE fail_once_" + suffix);
        }
    }

    private static void awaitRequests(String tenant, int requests) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            int total = given().when().get("/internal/usage/" + tenant).then().statusCode(200).extract()
                    .jsonPath().getList("data.requests", Integer.class).stream().mapToInt(Integer::intValue).sum();
            assertEquals(requests, total);
        });
    }

    /** Same key, so same partition: once this later event is booked, everything published before was read. */
    private static void publishMarker(String tenant) throws Exception {
        publishNew(usage(tenant, "marker-model", 1, 1, TEN_PAST_TEN.minus(Duration.ofHours(5))));
    }

    private static void publishNew(TokensUsed usage) throws Exception {
        publish(usage, TokensUsed.eventIdFor(usage.jobId()));
    }

    private static void publish(TokensUsed usage, String eventId) throws Exception {
        kafka.sendEvent(Topic.USAGE.topicName(), usage.tenantId(), EventType.TOKENS_USED.type(), eventId,
                EventJson.MAPPER.writeValueAsString(usage));
    }

    static TokensUsed usage(String tenant, String model, int prompt, int completion, Instant at) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        return new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, model, "simulator", "sim-small", prompt,
                completion, prompt + completion, 42, at);
    }

    static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
