package io.switchboard.evaluator.comparison;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.evaluator.evaluations.StoredScores;
import io.vertx.mutiny.sqlclient.Pool;

/** A route's canary against its stable variant, from verdicts stored in the real PostgreSQL. */
@QuarkusTest
class RouteComparisonApiTest {

    private static final double EPSILON = 1e-6;

    @Inject
    Pool database;

    private StoredScores scores;
    private String tenantA;
    private String tenantB;
    private String route;
    private final Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void aRouteWithACanaryThatRefusesMore() {
        scores = new StoredScores(database);
        String run = UUID.randomUUID().toString().substring(0, 8);
        tenantA = "cmp-a-" + run;
        tenantB = "cmp-b-" + run;
        route = "support-" + run;
        for (int i = 0; i < 100; i++) {
            scores.score(tenantA, "no_refusal", anHourAgo).route(route).variant("stable").model("sim-small").store();
            scores.score(tenantA, "no_refusal", anHourAgo).route(route).variant("canary").model("sim-large")
                    .passed(i < 60).store();
        }
        // on canary's jobs: 6 wins, 2 ties, 2 losses and an unreadable verdict; on stable's: 1 win, 3 losses
        pairwise("canary", "vs stable: win; as A: A (complete); as B: B (complete)", 1.0, 6);
        pairwise("canary", "vs stable: tie; as A: A (first); as B: A (first)", 0.5, 2);
        pairwise("canary", "vs stable: loss; as A: B (wrong); as B: A (wrong)", 0.0, 2);
        pairwise("stable", "vs canary: win; as A: A (shorter); as B: B (shorter)", 1.0, 1);
        pairwise("stable", "vs canary: loss; as A: B (vague); as B: A (vague)", 0.0, 3);
        scores.score(tenantA, "pairwise.helpfulness", anHourAgo).route(route).variant("canary")
                .detail("unmeasured: no JSON object in the reply").unmeasured().store();
        // another tenant's canary on the same route fails every time
        for (int i = 0; i < 50; i++) {
            scores.score(tenantB, "no_refusal", anHourAgo).route(route).variant("canary").passed(false).store();
        }
    }

    @Test
    void variantsArePutSideBySideWithTheirIntervalsAndTheEvidenceFavoursStable() {
        JsonPath comparison = given().queryParam("tenant", tenantA).get("/internal/routes/" + route + "/comparison")
                .then().statusCode(200)
                .body("object", equalTo("route.comparison"))
                .body("variants", hasSize(2))
                .extract().jsonPath();

        assertEquals(List.of("canary", "stable"), comparison.getList("variants.variant"));
        assertEquals(List.of("sim-large"), comparison.getList("variants[0].models"));
        assertEquals(0.6, comparison.getDouble("variants[0].checks[0].pass_rate.value"), EPSILON);
        assertEquals(0.502003, comparison.getDouble("variants[0].checks[0].pass_rate.interval.low"), EPSILON);
        assertEquals(1.0, comparison.getDouble("variants[1].checks[0].pass_rate.value"), EPSILON);
        assertEquals(0.963007, comparison.getDouble("variants[1].checks[0].pass_rate.interval.low"), EPSILON);

        assertEquals(1, comparison.getInt("pairwise_unmeasured"), "the unreadable judgement, in no win rate");
        assertEquals(0, comparison.getInt("pairwise_unattributed"));

        JsonPath pair = comparison.setRootPath("pairwise[0]");
        assertEquals(List.of("canary", "stable", 9, 2, 3, 0), List.of(pair.getString("variant"),
                pair.getString("opponent"), pair.getInt("wins"), pair.getInt("ties"), pair.getInt("losses"),
                pair.getInt("unmeasured")));
        assertEquals(10.0 / 14.0, pair.getDouble("win_rate.value"), EPSILON);
        assertEquals(0.453509, pair.getDouble("win_rate.interval.low"), EPSILON);
        assertEquals(0.882786, pair.getDouble("win_rate.interval.high"), EPSILON);

        JsonPath recommendation = comparison.setRootPath("recommendations[0]");
        assertEquals("favours", recommendation.getString("verdict"));
        assertEquals("stable", recommendation.getString("favoured"));
        assertEquals(1, recommendation.getList("evidence").size(), "the pairwise interval spans one half: no finding");
    }

    @Test
    void withoutATenantTheRouteIsComparedOverEveryTenant() {
        JsonPath comparison = given().get("/internal/routes/" + route + "/comparison").then().statusCode(200)
                .extract().jsonPath();

        assertEquals(150, comparison.getInt("variants[0].checks[0].measured"));
        assertEquals(60.0 / 150.0, comparison.getDouble("variants[0].checks[0].pass_rate.value"), EPSILON);
    }

    @Test
    void anotherTenantsVerdictsNeverReachATenantsComparison() {
        given().queryParam("tenant", tenantB).get("/internal/routes/" + route + "/comparison").then().statusCode(200)
                .body("variants", hasSize(1))
                .body("pairwise", hasSize(0))
                .body("recommendations", hasSize(0));
    }

    @Test
    void aBadWindowIsA400() {
        given().queryParam("since", "last week").get("/internal/routes/" + route + "/comparison").then()
                .statusCode(400).body("error.param", equalTo("since"));
        given().queryParam("variant", "canary").get("/internal/routes/" + route + "/comparison").then()
                .statusCode(400).body("error.param", equalTo("variant"));
    }

    private void pairwise(String variant, String detail, double score, int rows) {
        for (int i = 0; i < rows; i++) {
            scores.score(tenantA, "pairwise.helpfulness", anHourAgo).route(route).variant(variant).score(score)
                    .detail(detail).store();
        }
    }
}
