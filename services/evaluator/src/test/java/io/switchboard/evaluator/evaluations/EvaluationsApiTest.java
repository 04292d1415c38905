package io.switchboard.evaluator.evaluations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The verdicts API on the real PostgreSQL: tenant scoping, keyset pages, and the statistics of the summaries against
 * figures worked out by hand. Every test writes rows of tenants and a route of its own.
 */
@QuarkusTest
class EvaluationsApiTest {

    private static final double EPSILON = 1e-6;

    @Inject
    Pool database;

    private StoredScores scores;
    private String tenantA;
    private String tenantB;
    private String route;
    private final Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void newTenantsAndRoute() {
        scores = new StoredScores(database);
        String run = UUID.randomUUID().toString().substring(0, 8);
        tenantA = "api-a-" + run;
        tenantB = "api-b-" + run;
        route = "route-" + run;
    }

    @Test
    void aTenantSeesOnlyItsOwnVerdictsAndStrata() {
        for (int i = 0; i < 3; i++) {
            scores.score(tenantA, "no_refusal", anHourAgo.plusSeconds(i)).route(route).store();
        }
        for (int i = 0; i < 2; i++) {
            scores.score(tenantB, "no_refusal", anHourAgo.plusSeconds(i)).route(route).store();
        }

        given().queryParam("tenant", tenantA).queryParam("route", route).get("/internal/evaluations")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data", hasSize(3))
                .body("data.tenant_id", everyItem(equalTo(tenantA)));
        given().queryParam("tenant", tenantA).queryParam("route", route).get("/internal/evaluations/summary")
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].tenant_id", equalTo(tenantA))
                .body("data[0].measured", equalTo(3));
    }

    @Test
    void withoutATenantEveryTenantIsCovered() {
        scores.score(tenantA, "no_refusal", anHourAgo).route(route).store();
        scores.score(tenantB, "no_refusal", anHourAgo).route(route).store();

        List<String> tenants = given().queryParam("route", route).get("/internal/evaluations")
                .then().statusCode(200).extract().path("data.tenant_id");
        assertEquals(new HashSet<>(List.of(tenantA, tenantB)), new HashSet<>(tenants));
        given().queryParam("route", route).get("/internal/evaluations/summary")
                .then().statusCode(200).body("data", hasSize(2));
    }

    @Test
    void pagesWalkEveryVerdictExactlyOnceWhileTimestampsAreEqual() {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            stored.add(scores.score(tenantA, "no_refusal", anHourAgo).route(route).store());
        }
        for (int i = 0; i < 4; i++) {
            stored.add(scores.score(tenantA, "no_refusal", anHourAgo.minusSeconds(1)).route(route).store());
        }

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("tenant", tenantA).queryParam("route", route).queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/internal/evaluations").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("data.job_id"));
            cursor = page.getString("next_cursor");
            assertEquals(cursor != null, page.getBoolean("has_more"));
            if (pages++ == 0) {
                // a verdict stored while the caller pages is newer than the cursor: it does not shift the pages
                scores.score(tenantA, "no_refusal", Instant.now().truncatedTo(ChronoUnit.MICROS)).route(route).store();
            }
        } while (cursor != null);

        assertEquals(6, pages);
        assertEquals(27, walked.size());
        assertEquals(new HashSet<>(stored), new HashSet<>(walked), "every verdict once, none twice");
    }

    @Test
    void unmeasuredVerdictsAreListedButLeftOutOfRatesAndMeans() {
        for (int i = 0; i < 3; i++) {
            scores.score(tenantA, "judge.helpfulness", anHourAgo).route(route).passed(true).score(0.9).store();
        }
        scores.score(tenantA, "judge.helpfulness", anHourAgo).route(route).passed(false).score(0.2).store();
        for (int i = 0; i < 2; i++) {
            scores.score(tenantA, "judge.helpfulness", anHourAgo).route(route).unmeasured().store();
        }

        JsonPath list = given().queryParam("tenant", tenantA).queryParam("check", "judge.helpfulness")
                .get("/internal/evaluations").then().statusCode(200).extract().jsonPath();
        assertEquals(6, list.getList("data").size());
        List<Map<String, Object>> unmeasured = list.getList("data.findAll { it.outcome == 'unmeasured' }");
        assertEquals(2, unmeasured.size());
        unmeasured.forEach(row -> {
            assertNull(row.get("score"));
            assertNull(row.get("passed"));
        });

        given().queryParam("tenant", tenantA).queryParam("check", "judge.helpfulness")
                .get("/internal/evaluations/summary").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].measured", equalTo(4))
                .body("data[0].unmeasured", equalTo(2))
                .body("data[0].pass_rate.value", equalTo(0.75f))
                .body("data[0].pass_rate.n", equalTo(4))
                .body("data[0].mean_score.value", equalTo((float) ((0.9 * 3 + 0.2) / 4)))
                .body("data[0].mean_value", nullValue());
    }

    @Test
    void samplingProbabilityWeightsTheRateBack() {
        // four verdicts of every job (3 passed), two of jobs sampled at 0.25 (1 passed): weights 1, 1, 1, 1, 4, 4
        for (boolean passed : new boolean[] { true, true, true, false }) {
            scores.score(tenantA, "judge.accuracy", anHourAgo).route(route).passed(passed).store();
        }
        for (boolean passed : new boolean[] { true, false }) {
            scores.score(tenantA, "judge.accuracy", anHourAgo).route(route).passed(passed).sampledWith(0.25).store();
        }

        JsonPath rate = given().queryParam("tenant", tenantA).queryParam("route", route)
                .get("/internal/evaluations/summary").then().statusCode(200).extract().jsonPath()
                .setRootPath("data[0].pass_rate");

        // (3 + 4) / 12, not the unweighted 4 / 6; effective n (Σw)² / Σw² = 144 / 36
        assertEquals(7.0 / 12.0, rate.getDouble("value"), EPSILON);
        assertEquals(6, rate.getInt("n"));
        assertEquals(4.0, rate.getDouble("effective_n"), EPSILON);
        assertEquals(0.195036, rate.getDouble("interval.low"), EPSILON);
        assertEquals(0.889982, rate.getDouble("interval.high"), EPSILON);
    }

    @Test
    void passRateIntervalIsWilsonsAndValuesGetAMean() {
        for (int i = 0; i < 10; i++) {
            scores.score(tenantA, "answer_length", anHourAgo).route(route).passed(i < 8).value(i + 1).store();
        }

        JsonPath summary = given().queryParam("tenant", tenantA).get("/internal/evaluations/summary")
                .then().statusCode(200).extract().jsonPath().setRootPath("data[0]");

        assertEquals(0.8, summary.getDouble("pass_rate.value"), EPSILON);
        assertEquals(0.490162, summary.getDouble("pass_rate.interval.low"), EPSILON);
        assertEquals(0.943318, summary.getDouble("pass_rate.interval.high"), EPSILON);
        // values 1..10: mean 5.5, s = 3.027650, t(0.975, 9) = 2.262157, half width 2.165851
        assertEquals(5.5, summary.getDouble("mean_value.value"), EPSILON);
        assertEquals(5.5 - 2.165851, summary.getDouble("mean_value.interval.low"), EPSILON);
        assertEquals(10, summary.getInt("mean_value.n"));
    }

    @Test
    void aForeignCursorIsA400NamingIt() {
        given().queryParam("tenant", tenantA).queryParam("cursor", "not-a-cursor").get("/internal/evaluations")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("cursor"))
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", notNullValue());
    }

    @Test
    void badLimitsWindowsAndParametersAre400s() {
        assertRefused(Map.of("limit", "0"), "limit");
        assertRefused(Map.of("limit", "501"), "limit");
        assertRefused(Map.of("limit", "ten"), "limit");
        assertRefused(Map.of("since", "yesterday"), "since");
        assertRefused(Map.of("since", "2026-12-05T00:00:00Z", "until", "2026-12-04T00:00:00Z"), "since");
        assertRefused(Map.of("since", "2026-10-01T00:00:00Z", "until", "2026-12-01T00:00:00Z"), "since");
        assertRefused(Map.of("modle", "sim-small"), "modle");
        given().queryParam("limit", "5").get("/internal/evaluations/summary").then().statusCode(400)
                .body("error.param", equalTo("limit"));
    }

    @Test
    void theListsAreServedByTheirIndexes() {
        List<String> indexes = database.query("SELECT indexname FROM pg_indexes WHERE tablename = 'evaluation_scores'")
                .execute().await().indefinitely().stream().map(row -> row.getString("indexname")).toList();

        assertTrue(indexes.contains("evaluation_scores_tenant_time"), indexes.toString());
        assertTrue(indexes.contains("evaluation_scores_time"), indexes.toString());
        assertFalse(indexes.isEmpty());
    }

    private static void assertRefused(Map<String, String> parameters, String param) {
        given().queryParams(parameters).get("/internal/evaluations").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param));
    }
}
