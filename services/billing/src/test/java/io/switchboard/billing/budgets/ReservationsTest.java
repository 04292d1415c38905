package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Reservations on the running service and real PostgreSQL: atomic under concurrency, idempotent per job, released
 * on request and by the expiry sweeper, which two "replicas" (two pools) can run at once without releasing twice.
 */
@QuarkusTest
class ReservationsTest {

    private static final long CENT = 10_000_000_000L; // picodollars

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ReservationSweeper sweeper;

    @Inject
    BudgetSchema schema;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void fiftyConcurrentReservationsAgainstABudgetThatFitsSeventeenAcceptExactlySeventeen() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        // $0.17 holds 17 requests of at most $0.01; a second budget (the key) is roomier, so the tenant's decides
        String budget = BudgetsApiTest.create(hardUsd("tenant", tenant, null, null, "0.17"));
        BudgetsApiTest.create(hardUsd("api_key", tenant, "key_1", null, "5"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String body = reservation("job-" + i + "-" + tenant, tenant, "key_1", "gpt-4o", 100, CENT,
                        Instant.now().plusSeconds(600));
                answers.add(clients.submit((Callable<Integer>) () -> client.send(HttpRequest.newBuilder()
                        .uri(URI.create("http://localhost:" + port + "/internal/budgets/reservations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            int accepted = 0, refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 200) {
                    accepted++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertEquals(17, accepted, "accepted");
            assertEquals(33, refused, "refused");
        } finally {
            clients.shutdownNow();
        }
        BudgetsDb db = new BudgetsDb(pool);
        Instant today = BudgetPeriod.DAILY.startOf(Instant.now(), java.time.ZoneId.of("UTC"));
        assertEquals(new BigDecimal(17 * CENT), db.reserved(budget, today), "reserved: exactly the limit, overshoot 0");
        assertEquals(17, db.reservations(budget));
    }

    @Test
    void aRetriedReservationReservesOnceAndAReleaseGivesItBack() {
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(hardUsd("tenant", tenant, null, null, "0.02"));
        String job = "job-" + UUID.randomUUID();
        String body = reservation(job, tenant, null, "gpt-4o", 10, CENT, Instant.now().plusSeconds(600));
        reserve(body).statusCode(200).body("accepted", equalTo(true)).body("already_reserved", equalTo(false));
        reserve(body).statusCode(200).body("already_reserved", equalTo(true));
        BudgetsDb db = new BudgetsDb(pool);
        Instant today = BudgetPeriod.DAILY.startOf(Instant.now(), java.time.ZoneId.of("UTC"));
        assertEquals(new BigDecimal(CENT), db.reserved(budget, today));

        // one cent left: a two-cent job is refused, as OpenAI's insufficient_quota, naming the budget
        reserve(reservation("big-" + job, tenant, null, "gpt-4o", 10, 2 * CENT, Instant.now().plusSeconds(600)))
                .statusCode(429).body("error.type", equalTo("insufficient_quota"))
                .body("error.code", equalTo("insufficient_quota")).body("budget.id", equalTo(budget));
        assertEquals(new BigDecimal(CENT), db.reserved(budget, today), "a refusal reserves nothing");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String outcome : List.of("accepted", "already_reserved", "refused")) {
            assertTrue(metrics.contains("switchboard_billing_budget_reservations_total{outcome=\"" + outcome + "\""),
                    "counted: " + outcome);
        }

        given().delete("/internal/budgets/reservations/" + job).then().statusCode(200).body("released", equalTo(1));
        given().delete("/internal/budgets/reservations/" + job).then().statusCode(200).body("released", equalTo(0));
        assertEquals(0, db.reserved(budget, today).signum());
        reserve(reservation("big-" + job, tenant, null, "gpt-4o", 10, 2 * CENT, Instant.now().plusSeconds(600)))
                .statusCode(200);
    }

    @Test
    void aRefusalByOneBudgetLeavesTheOthersUntouchedAndSoftBudgetsNeverRefuse() {
        String tenant = "t-" + UUID.randomUUID();
        String model = "m-" + UUID.randomUUID();
        String roomy = BudgetsApiTest.create(hardUsd("tenant", tenant, null, null, "10"));
        String tight = BudgetsApiTest.create("{\"scope\":\"model\",\"model\":\"" + model + "\",\"period\":\"monthly\","
                + "\"time_zone\":\"America/New_York\",\"unit\":\"tokens\",\"limit\":500,\"enforcement\":\"hard\"}");
        BudgetsApiTest.create("{\"scope\":\"tenant_model\",\"tenant_id\":\"" + tenant + "\",\"model\":\"" + model
                + "\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":\"0\",\"enforcement\":\"soft\"}");
        reserve(reservation("a-" + tenant, tenant, null, model, 400, CENT, Instant.now().plusSeconds(60)))
                .statusCode(200).body("reserved.size()", equalTo(2));
        reserve(reservation("b-" + tenant, tenant, null, model, 200, CENT, Instant.now().plusSeconds(60)))
                .statusCode(429).body("budget.id", equalTo(tight)).body("budget.unit", equalTo("tokens"));
        BudgetsDb db = new BudgetsDb(pool);
        Instant today = BudgetPeriod.DAILY.startOf(Instant.now(), java.time.ZoneId.of("UTC"));
        assertEquals(new BigDecimal(CENT), db.reserved(roomy, today), "the tenant budget kept only the first job");
        // another tenant on the same model is held by the operator's model budget too
        reserve(reservation("c-" + tenant, "other-" + tenant, null, model, 101, 1, Instant.now().plusSeconds(60)))
                .statusCode(429).body("budget.id", equalTo(tight));
    }

    @Test
    void expiredReservationsAreReleasedOnceEvenWithTwoReplicasSweepingAtOnce() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(hardUsd("tenant", tenant, null, null, "1"));
        Instant expires = Instant.now().plusSeconds(3600); // past it only for the sweeps below, not the scheduled one
        for (int i = 0; i < 30; i++) {
            reserve(reservation("job-" + i + "-" + tenant, tenant, null, "gpt-4o", 10, CENT, expires)).statusCode(200);
        }
        reserve(reservation("later-" + tenant, tenant, null, "gpt-4o", 10, CENT, expires.plusSeconds(3600)))
                .statusCode(200);
        BudgetsDb db = new BudgetsDb(pool);
        Instant today = BudgetPeriod.DAILY.startOf(Instant.now(), java.time.ZoneId.of("UTC"));
        assertEquals(new BigDecimal(31 * CENT), db.reserved(budget, today));

        // a second replica: its own pool of connections to the same database
        Pool otherPool = otherReplicaPool(vertx);
        try {
            ReservationSweeper otherReplica = new ReservationSweeper(otherPool, schema);
            Instant sweepAt = expires.plusSeconds(1);
            long expired = db.count("SELECT count(*) AS n FROM budget_reservations WHERE expires_at <= $1",
                    sweepAt.atOffset(java.time.ZoneOffset.UTC));
            assertTrue(expired >= 30 && expired < 4 * ReservationSweeper.BATCH, "expired: " + expired);
            List<Uni<Integer>> sweeps = List.of(sweeper.sweep(sweepAt), otherReplica.sweep(sweepAt),
                    sweeper.sweep(sweepAt), otherReplica.sweep(sweepAt));
            List<Integer> released = Uni.join().all(sweeps).andCollectFailures().await().atMost(Duration.ofSeconds(30));
            // every expired reservation (this test's 30 and any other's) released exactly once between them
            assertEquals(expired, released.stream().mapToInt(Integer::intValue).sum(), "released in all: " + released);
            assertEquals(0, sweeper.sweep(sweepAt).await().indefinitely() + otherReplica.sweep(sweepAt).await().indefinitely());
        } finally {
            otherPool.closeAndAwait();
        }
        assertEquals(new BigDecimal(CENT), db.reserved(budget, today), "only the unexpired reservation is left");
        assertEquals(1, db.reservations(budget));
        assertTrue(db.reserved(budget, today).signum() >= 0);
    }

    /** A second replica's pool: its own connections to the same database. */
    static Pool otherReplicaPool(Vertx vertx) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(System.getenv().getOrDefault("SWITCHBOARD_PG_HOST", "127.0.0.1"))
                .setPort(Integer.parseInt(System.getenv().getOrDefault("SWITCHBOARD_PG_PORT", "15432")))
                .setDatabase("billing").setUser("switchboard");
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx)
                .build();
    }

    static String hardUsd(String scope, String tenant, String key, String model, String dollars) {
        return "{\"scope\":\"" + scope + "\",\"tenant_id\":\"" + tenant + "\""
                + (key == null ? "" : ",\"api_key_id\":\"" + key + "\"")
                + (model == null ? "" : ",\"model\":\"" + model + "\"")
                + ",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":\"" + dollars + "\",\"enforcement\":\"hard\"}";
    }

    static String reservation(String job, String tenant, String key, String model, long tokens, long pusd,
            Instant expires) {
        return "{\"job_id\":\"" + job + "\",\"tenant_id\":\"" + tenant + "\""
                + (key == null ? "" : ",\"api_key_id\":\"" + key + "\"")
                + ",\"model\":\"" + model + "\",\"worst_case_tokens\":" + tokens + ",\"worst_case_cost_pusd\":" + pusd
                + ",\"expires_at\":\"" + expires + "\"}";
    }

    private static io.restassured.response.ValidatableResponse reserve(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/internal/budgets/reservations").then();
    }
}
