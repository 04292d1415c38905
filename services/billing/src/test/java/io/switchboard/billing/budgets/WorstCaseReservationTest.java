package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The ingress's form of a reservation: it names the call (prompt tokens, the completion cap) and the targets its
 * route may use, and billing prices the worst case from the seeded catalog (prices/catalog.json) by the dearest
 * target; a target with no price makes a hard budget in money refuse. And the hard scopes the ingress keeps for
 * failing open or closed when billing cannot be reached.
 */
@QuarkusTest
class WorstCaseReservationTest {

    private static final long PICO_PER_MICRO = 1_000_000L;

    @Inject
    Pool pool;

    @Test
    void theWorstCaseIsTheDearestTargetAsACacheMissOrWriteWithEveryCompletionTokenAtTheDearerOutputRate() {
        String tenant = "wc-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1"));
        // sim-large: input $2, 1-hour cache write $4, output $8, reasoning $10 per million tokens (sim-small is cheaper)
        reserve(targeted("job-" + tenant, tenant, 1000, 500, "sim-small", "sim-large")).statusCode(200)
                .body("reserved[0].amount", equalTo(1000 * 4 * PICO_PER_MICRO + 500 * 10 * PICO_PER_MICRO));
        BudgetsDb db = new BudgetsDb(pool);
        assertEquals(new BigDecimal(9_000 * PICO_PER_MICRO), db.reserved(budget, today()), "$0.009 held");
    }

    /** A batch job's usage is priced with the batch discount (50 % on sim-large): its worst case is too. */
    @Test
    void aBatchJobsWorstCaseIsPricedWithTheBatchDiscount() {
        String tenant = "wc-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1"));
        String batchJob = targeted("job-b-" + tenant, tenant, 1000, 500, "sim-small", "sim-large")
                .replace("\"targets\"", "\"batch\":true,\"targets\"");
        reserve(batchJob).statusCode(200)
                .body("reserved[0].amount", equalTo((1000 * 4 * PICO_PER_MICRO + 500 * 10 * PICO_PER_MICRO) / 2));
        String listPriced = targeted("job-l-" + tenant, tenant, 1000, 500, "sim-small", "sim-large")
                .replace("\"targets\"", "\"batch\":false,\"targets\"");
        reserve(listPriced).statusCode(200)
                .body("reserved[0].amount", equalTo(1000 * 4 * PICO_PER_MICRO + 500 * 10 * PICO_PER_MICRO));
        assertEquals(new BigDecimal(13_500 * PICO_PER_MICRO), new BudgetsDb(pool).reserved(budget, today()),
                "$0.0045 + $0.009 held");
        reserve(targeted("job-x-" + tenant, tenant, 1, 1, "sim-small")
                .replace("\"targets\"", "\"batch\":\"yes\",\"targets\"")).statusCode(400)
                .body("error.param", equalTo("batch"));
    }

    @Test
    void aTargetWithNoPriceMakesAHardBudgetInMoneyRefuseAndNothingIsReserved() {
        String tenant = "wc-" + UUID.randomUUID();
        String budget = BudgetsApiTest.create(ReservationsTest.hardUsd("tenant", tenant, null, null, "1"));
        reserve(targeted("job-" + tenant, tenant, 10, 10, "sim-small", "no-such-model")).statusCode(429)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.code", equalTo("insufficient_quota"))
                .body("budget.unpriced_targets", equalTo(java.util.List.of("simulator/no-such-model")));
        assertEquals(0, new BudgetsDb(pool).reservations(budget), "nothing reserved");
    }

    @Test
    void aTenantWithoutHardBudgetsIsAcceptedEvenWithAnUnpricedTarget() {
        String tenant = "wc-" + UUID.randomUUID();
        BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + tenant + "\",\"period\":\"daily\","
                + "\"unit\":\"usd\",\"limit\":\"1\",\"enforcement\":\"soft\"}");
        reserve(targeted("job-" + tenant, tenant, 10, 10, "no-such-model")).statusCode(200)
                .body("reserved.size()", equalTo(0));
    }

    @Test
    void theHardScopesNameTenantsWithHardBudgetsAndModelsWithOperatorBudgetsButNotSoftOnes() {
        String hard = "wc-hard-" + UUID.randomUUID();
        String soft = "wc-soft-" + UUID.randomUUID();
        String model = "wc-model-" + UUID.randomUUID();
        BudgetsApiTest.create(ReservationsTest.hardUsd("api_key", hard, "key_1", null, "1"));
        BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + soft + "\",\"period\":\"daily\","
                + "\"unit\":\"usd\",\"limit\":\"1\",\"enforcement\":\"soft\"}");
        BudgetsApiTest.create("{\"scope\":\"model\",\"model\":\"" + model + "\",\"period\":\"lifetime\","
                + "\"unit\":\"tokens\",\"limit\":1000,\"enforcement\":\"hard\"}");
        given().get("/internal/budgets/hard").then().statusCode(200)
                .body("object", equalTo("budget.hard_scopes"))
                .body("tenants", hasItem(hard))
                .body("tenants", not(hasItem(soft)))
                .body("models", hasItem(model));
    }

    @Test
    void aTargetedReservationWithoutItsCallIsA400NamingTheField() {
        reserve("{\"job_id\":\"j\",\"tenant_id\":\"t\",\"model\":\"gpt-4o\",\"targets\":[{\"provider\":\"simulator\","
                + "\"model\":\"sim-small\"}],\"max_completion_tokens\":5,\"expires_at\":\"" + Instant.now() + "\"}")
                .statusCode(400).body("error.param", equalTo("prompt_tokens"));
        reserve("{\"job_id\":\"j\",\"tenant_id\":\"t\",\"model\":\"gpt-4o\",\"targets\":[{\"provider\":\"simulator\"}],"
                + "\"prompt_tokens\":5,\"max_completion_tokens\":5,\"expires_at\":\"" + Instant.now() + "\"}")
                .statusCode(400).body("error.param", equalTo("targets"));
    }

    private static Instant today() {
        return BudgetPeriod.DAILY.startOf(Instant.now(), ZoneId.of("UTC"));
    }

    private static String targeted(String job, String tenant, long prompt, long completion, String... models) {
        StringBuilder targets = new StringBuilder();
        for (String model : models) {
            targets.append(targets.isEmpty() ? "" : ",").append("{\"provider\":\"simulator\",\"model\":\"")
                    .append(model).append("\"}");
        }
        return "{\"job_id\":\"" + job + "\",\"tenant_id\":\"" + tenant + "\",\"model\":\"gpt-4o\",\"prompt_tokens\":"
                + prompt + ",\"max_completion_tokens\":" + completion + ",\"targets\":[" + targets
                + "],\"expires_at\":\"" + Instant.now().plusSeconds(600) + "\"}";
    }

    private static ValidatableResponse reserve(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/internal/budgets/reservations").then();
    }
}
