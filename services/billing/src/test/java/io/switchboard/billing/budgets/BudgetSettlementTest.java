package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.billing.money.Money;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.BudgetAlert;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Settlement as the ledger's flush will call it: inside a transaction this test opens, with booked usage it makes,
 * on real PostgreSQL; the alerts it raises travel through the outbox to the real broker.
 */
@QuarkusTest
class BudgetSettlementTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Inject
    BudgetSettlement settlement;

    @Inject
    BudgetSchema schema;

    @Inject
    BudgetAlertPublisher publisher;

    @Inject
    BudgetAlerts alerts;

    @Inject
    Reservations reservations;

    @Inject
    Vertx vertx;

    @Inject
    @Channel("budget-alerts")
    MutinyEmitter<BudgetAlert> emitter;

    @Inject
    MeterRegistry registry;

    @Test
    void settlementAddsTheSpendReleasesTheReservationAndRaisesEachThresholdOnceOnTheTopic() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1.00"));
        Instant now = Instant.now();
        Instant today = BudgetPeriod.DAILY.startOf(now, UTC);
        given().contentType(ContentType.JSON).body(ReservationsTest.reservation("job-1", tenant, null, "gpt-4o", 100,
                Money.usd("0.30").picoUsd(), now.plusSeconds(600))).post("/internal/budgets/reservations").then()
                .statusCode(200);
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(BigDecimal.valueOf(Money.usd("0.30").picoUsd()), db.reserved(budget, today));

        settle(settlement, usage(tenant, "job-1", now, "0.45"));
        assertEquals(BigDecimal.valueOf(Money.usd("0.45").picoUsd()), db.spent(budget, today));
        assertEquals(0, db.reserved(budget, today).signum(), "the job's reservation is released by its settlement");
        assertEquals(List.of(), db.thresholds(budget, today));

        // a second provider call of the same job (a fallback) adds its spend; the reservation is gone already
        settle(settlement, usage(tenant, "job-1", now, "0.10"));
        assertEquals(0, db.reserved(budget, today).signum());
        given().delete("/internal/budgets/reservations/job-1").then().body("released", equalTo(0));
        assertEquals(List.of(50), db.thresholds(budget, today));

        // one batch crossing 80 and 100 at once raises both
        settle(settlement, usage(tenant, "job-2", now, "0.30"), usage(tenant, "job-3", now, "0.20"));
        assertEquals(BigDecimal.valueOf(Money.usd("1.05").picoUsd()), db.spent(budget, today));
        assertEquals(List.of(50, 80, 100), db.thresholds(budget, today));
        settle(settlement, usage(tenant, "job-4", now, "0.01"));
        assertEquals(List.of(50, 80, 100), db.thresholds(budget, today), "each threshold once per period");

        List<ConsumerRecord<String, String>> alerts = kafka.collect(Topic.BUDGET_ALERTS.topicName(),
                record -> tenant.equals(record.key()), record -> record.value().contains("\"threshold_percent\":100"),
                TIMEOUT);
        assertEquals(3, alerts.size(), "50, 80 and 100, in order, once each: " + alerts);
        BudgetAlert eighty = EventJson.MAPPER.readValue(alerts.get(1).value(), BudgetAlert.class);
        assertEquals(80, eighty.thresholdPercent());
        assertEquals(BudgetAlert.alertIdFor(budget, today, 80), eighty.alertId());
        assertEquals(eighty.alertId(), KafkaProbe.header(alerts.get(1), "ce_id").orElseThrow());
        assertEquals(EventType.BUDGET_ALERT.type(), KafkaProbe.header(alerts.get(1), "ce_type").orElseThrow());
        // the period's spend after the batch that crossed it (80 and 100 were crossed by one batch)
        assertEquals(Money.usd("1.05").picoUsd(), eighty.spent());
        assertEquals(Money.usd("1.00").picoUsd(), eighty.limit());

        // a crash after the broker took the 80% alert and before it was marked published: sent again, same id
        db.execute("UPDATE budget_alerts SET published_at = NULL WHERE alert_id = $1", eighty.alertId());
        publisher.publishPending().await().atMost(TIMEOUT);
        List<ConsumerRecord<String, String>> again = kafka.collectFor(Topic.BUDGET_ALERTS.topicName(), record -> tenant.equals(record.key()),
                Duration.ofSeconds(3));
        assertEquals(4, again.size());
        assertEquals(2, again.stream().filter(r -> eighty.alertId().equals(KafkaProbe.header(r, "ce_id").orElse("")))
                .count(), "the re-published alert is recognisably the same");
    }

    @Test
    void firedThresholdsSurviveARestartAndAreNotRaisedAgain() {
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + tenant + "\","
                + "\"period\":\"monthly\",\"unit\":\"tokens\",\"limit\":1000,\"enforcement\":\"soft\"}");
        Instant now = Instant.now();
        Instant month = BudgetPeriod.MONTHLY.startOf(now, UTC);
        settle(settlement, tokens(tenant, "k", "m", "j1", now, 600));
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(List.of(50), db.thresholds(budget, month));

        // a fresh process: new settlement and alert objects with nothing in memory, the marks in PostgreSQL
        BudgetSettlement restarted = new BudgetSettlement(schema, new BudgetAlerts());
        settle(restarted, tokens(tenant, "k", "m", "j2", now, 50));
        assertEquals(List.of(50), db.thresholds(budget, month));
        settle(restarted, tokens(tenant, "k", "m", "j3", now, 200));
        assertEquals(List.of(50, 80), db.thresholds(budget, month));
        assertEquals(2, db.alerts(budget));
    }

    @Test
    void aLateEventLandsInItsOwnLocalDayAcrossBothDstChanges() {
        String tenant = "t-" + UUID.randomUUID();
        String daily = BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + tenant + "\",\"period\":\"daily\","
                + "\"time_zone\":\"America/New_York\",\"unit\":\"tokens\",\"limit\":1000000,\"enforcement\":\"hard\"}");
        String monthly = BudgetsApiTest.create("{\"scope\":\"api_key\",\"tenant_id\":\"" + tenant + "\","
                + "\"api_key_id\":\"k\",\"period\":\"monthly\",\"time_zone\":\"America/New_York\",\"unit\":\"tokens\","
                + "\"limit\":1000000,\"enforcement\":\"soft\"}");
        settle(settlement,
                tokens(tenant, "k", "m", "a", Instant.parse("2026-03-08T04:59:59Z"), 1), // 23:59:59 EST on the 7th
                tokens(tenant, "k", "m", "b", Instant.parse("2026-03-08T05:00:00Z"), 10), // midnight EST: the 8th
                tokens(tenant, "k", "m", "c", Instant.parse("2026-03-09T03:59:59Z"), 100), // 23:59:59 EDT, the 23 h day
                tokens(tenant, "k", "m", "d", Instant.parse("2026-03-09T04:00:00Z"), 1000), // midnight EDT: the 9th
                tokens(tenant, "k", "m", "e", Instant.parse("2026-11-02T04:59:59Z"), 7), // 23:59:59 EST, 25 h day
                tokens(tenant, "k", "m", "f", Instant.parse("2026-03-31T23:00:00Z"), 20000), // March
                tokens(tenant, "k", "m", "g", Instant.parse("2026-04-01T03:59:59Z"), 300000), // still March there
                tokens(tenant, "k", "m", "h", Instant.parse("2026-04-01T04:00:00Z"), 400000)); // April in New York
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(new BigDecimal(1), db.spent(daily, Instant.parse("2026-03-07T05:00:00Z")));
        assertEquals(new BigDecimal(110), db.spent(daily, Instant.parse("2026-03-08T05:00:00Z")));
        assertEquals(new BigDecimal(1000), db.spent(daily, Instant.parse("2026-03-09T04:00:00Z")));
        assertEquals(new BigDecimal(7), db.spent(daily, Instant.parse("2026-11-01T04:00:00Z")));
        assertEquals(new BigDecimal(1 + 10 + 100 + 1000 + 20000 + 300000),
                db.spent(monthly, Instant.parse("2026-03-01T05:00:00Z")));
        assertEquals(new BigDecimal(400000), db.spent(monthly, Instant.parse("2026-04-01T04:00:00Z")));
        assertEquals(new BigDecimal(7), db.spent(monthly, Instant.parse("2026-11-01T04:00:00Z")));
        // the 300000 of March reached 50% of that March only; April's 400000 is 40%: no alert
        assertEquals(List.of(), db.thresholds(monthly, Instant.parse("2026-04-01T04:00:00Z")));
        assertEquals(List.of(), db.thresholds(monthly, Instant.parse("2026-03-01T05:00:00Z")));
    }

    @Test
    void aBudgetEditedMidPeriodKeepsItsSpendAndMeasuresItAgainstTheNewLimit() {
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create("{\"scope\":\"tenant_model\",\"tenant_id\":\"" + tenant + "\","
                + "\"model\":\"gpt-4o\",\"period\":\"daily\",\"unit\":\"tokens\",\"limit\":1000,\"enforcement\":\"hard\"}");
        Instant now = Instant.now();
        Instant today = BudgetPeriod.DAILY.startOf(now, UTC);
        settle(settlement, tokens(tenant, null, "gpt-4o", "j1", now, 600));
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(List.of(50), db.thresholds(budget, today));

        given().contentType(ContentType.JSON).body("{\"limit\": 700}").patch("/internal/budgets/" + budget).then()
                .statusCode(200).body("current_period.spent", equalTo(600)).body("limit_amount", equalTo(700));
        String reserve200 = ReservationsTest.reservation("r1-" + tenant, tenant, null, "gpt-4o", 200, 1,
                now.plusSeconds(600));
        given().contentType(ContentType.JSON).body(reserve200).post("/internal/budgets/reservations").then()
                .statusCode(429);
        given().contentType(ContentType.JSON).body(ReservationsTest.reservation("r2-" + tenant, tenant, null,
                "gpt-4o", 100, 1, now.plusSeconds(600))).post("/internal/budgets/reservations").then().statusCode(200);
        settle(settlement, tokens(tenant, null, "gpt-4o", "j2", now, 10)); // 610 of 700: 87%
        assertEquals(List.of(50, 80), db.thresholds(budget, today));
        assertEquals(new BigDecimal(610), db.spent(budget, today));

        given().contentType(ContentType.JSON).body("{\"limit\": 2000}").patch("/internal/budgets/" + budget).then()
                .statusCode(200).body("current_period.spent", equalTo(610)).body("current_period.reserved", equalTo(100));
        given().contentType(ContentType.JSON).body(reserve200).post("/internal/budgets/reservations").then()
                .statusCode(200);
    }

    @Test
    void aModelBudgetCountsEveryTenantAndItsAlertIsKeyedByTheModel() {
        String model = "m-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create("{\"scope\":\"model\",\"model\":\"" + model + "\",\"period\":\"lifetime\","
                + "\"unit\":\"usd\",\"limit\":\"2\",\"enforcement\":\"soft\"}");
        Instant now = Instant.now();
        List<BookedUsage> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // a thousand entries of ten tenants in one batch: one set of statements, whatever the size
            batch.add(new BookedUsage("tenant-" + (i % 10), null, i % 2 == 0 ? model : "other", "job-" + i + model,
                    now.minusSeconds(i), Money.usd("0.004"), 10));
        }
        settle(settlement, batch.toArray(BookedUsage[]::new));
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(BigDecimal.valueOf(Money.usd("2.000").picoUsd()), db.spent(budget, BudgetPeriod.LIFETIME_START));
        assertEquals(List.of(50, 80, 100), db.thresholds(budget, BudgetPeriod.LIFETIME_START));
        ConsumerRecord<String, String> hundred = kafka.await(Topic.BUDGET_ALERTS.topicName(),
                record -> ("model:" + model).equals(record.key()) && record.value().contains("\"threshold_percent\":100"),
                TIMEOUT);
        assertTrue(hundred.value().contains("\"scope\":\"model\""));
    }

    @Test
    void concurrentFlushesAndReservationsOnTheSameBudgetsNeitherDeadlockNorLoseSpend() {
        String tenant = "t-" + UUID.randomUUID();
        String model = "m-" + UUID.randomUUID();
        String onTenant = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1000"));
        String onKeyA = BudgetsApiTest.create(ReservationsTest.hardUsd("api_key", tenant, "a", null, "1000"));
        String onKeyB = BudgetsApiTest.create(ReservationsTest.hardUsd("api_key", tenant, "b", null, "1000"));
        String onModel = BudgetsApiTest.create("{\"scope\":\"model\",\"model\":\"" + model + "\",\"period\":\"daily\","
                + "\"unit\":\"tokens\",\"limit\":100000000,\"enforcement\":\"hard\"}");
        Instant now = Instant.now();
        List<Uni<Object>> work = new ArrayList<>();
        Random random = new Random(7);
        for (int flush = 0; flush < 8; flush++) {
            List<BookedUsage> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // each flush meets the budgets in its own order; settlement locks them in one order regardless
                batch.add(new BookedUsage(tenant, random.nextBoolean() ? "a" : "b", model, "f" + flush + "-" + i, now,
                        Money.usd("0.01"), 10));
            }
            Collections.shuffle(batch, random);
            work.add(pool.withTransaction(connection -> settlement.settle(connection, batch)).map(done -> (Object) "settled"));
        }
        for (int r = 0; r < 20; r++) {
            work.add(reservations.reserve(new ReservationRequest("r" + r + "-" + tenant, tenant, r % 2 == 0 ? "a" : "b",
                    model, 5, Money.usd("0.02").picoUsd(), now.plusSeconds(600))).map(outcome -> (Object) outcome));
        }
        Uni.join().all(work).andFailFast().await().atMost(TIMEOUT);

        BudgetsDb db = new BudgetsDb(pool);
        Instant today = BudgetPeriod.DAILY.startOf(now, UTC);
        assertEquals(BigDecimal.valueOf(Money.usd("4.00").picoUsd()), db.spent(onTenant, today));
        assertEquals(BigDecimal.valueOf(Money.usd("4.00").picoUsd()),
                db.spent(onKeyA, today).add(db.spent(onKeyB, today)));
        assertEquals(new BigDecimal(4000), db.spent(onModel, today));
        assertEquals(BigDecimal.valueOf(Money.usd("0.40").picoUsd()), db.reserved(onTenant, today));
        assertEquals(new BigDecimal(100), db.reserved(onModel, today));
    }

    @Test
    void twoReplicasDrainingTheOutboxAtOncePublishEachAlertOnce() {
        String tenant = "t-" + UUID.randomUUID();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            BudgetsApiTest.create("{\"scope\":\"api_key\",\"tenant_id\":\"" + tenant + "\",\"api_key_id\":\"k" + i
                    + "\",\"period\":\"lifetime\",\"unit\":\"tokens\",\"limit\":100,\"enforcement\":\"soft\"}");
            settle(settlement, tokens(tenant, "k" + i, "m", "j" + i, now, 100));
        }
        Pool otherPool = ReservationsTest.otherReplicaPool(vertx);
        try {
            BudgetAlertPublisher otherReplica = new BudgetAlertPublisher(otherPool, schema, emitter, registry);
            // this replica's scheduled drain runs meanwhile too
            Uni.join().all(publisher.publishPending(), otherReplica.publishPending(),
                    publisher.publishPending(), otherReplica.publishPending()).andCollectFailures().await().atMost(TIMEOUT);
        } finally {
            otherPool.closeAndAwait();
        }
        List<ConsumerRecord<String, String>> sent = kafka.collectFor(Topic.BUDGET_ALERTS.topicName(),
                record -> tenant.equals(record.key()), Duration.ofSeconds(4));
        assertEquals(15, sent.size(), "5 budgets x 50/80/100, each once");
        assertEquals(15, sent.stream().map(r -> KafkaProbe.header(r, "ce_id").orElseThrow()).distinct().count());
    }

    /**
     * The flush settles inside its transaction, after it wrote the ledger. Settling there must run none of the budgets'
     * DDL, which locks the tables it names even when they exist and would wait for that transaction for ever (billing
     * once hung at start-up so, when a flush of a backlog raced the start-up DDL). Here settlement's schema has never
     * run its DDL, and the transaction holds the lock a write takes; it would be killed after 5 s idle, failing the test
     * rather than hanging the class.
     */
    @Test
    void settlingRunsNoDdlInsideTheCallersTransaction() {
        BudgetSettlement neverReady = new BudgetSettlement(new BudgetSchema(pool), alerts);
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1.00"));
        Instant now = Instant.now();
        pool.withTransaction(connection -> connection.query("SET LOCAL idle_in_transaction_session_timeout = '5s'")
                .execute()
                .chain(() -> connection.query("LOCK TABLE budgets, budget_reservations, budget_alerts "
                        + "IN ROW EXCLUSIVE MODE").execute())
                .chain(() -> neverReady.settle(connection, List.of(usage(tenant, "job-1", now, "0.01")))))
                .await().atMost(TIMEOUT);
        assertEquals(BigDecimal.valueOf(Money.usd("0.01").picoUsd()),
                new BudgetsDb(pool).spent(budget, BudgetPeriod.DAILY.startOf(now, UTC)));
    }

    private void settle(BudgetSettlement by, BookedUsage... booked) {
        pool.withTransaction(connection -> by.settle(connection, List.of(booked))).await().atMost(TIMEOUT);
    }

    private static BookedUsage usage(String tenant, String job, Instant at, String dollars) {
        return new BookedUsage(tenant, "key_1", "gpt-4o", job, at, Money.usd(dollars), 100);
    }

    private static BookedUsage tokens(String tenant, String key, String model, String job, Instant at, long tokens) {
        return new BookedUsage(tenant, key, model, job, at, Money.ZERO, tokens);
    }
}
