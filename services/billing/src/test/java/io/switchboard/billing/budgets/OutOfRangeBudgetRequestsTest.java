package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static io.switchboard.billing.Refusals.assertRefused;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Budgets and reservations at the edges of what PostgreSQL and a {@code long} hold: times beyond
 * {@code timestamptz}'s range and amounts near {@link Long#MAX_VALUE} are a 400 naming the field (or, for sums that
 * would overflow, a refusal by the budget), never a 500. The reservations go against a real hard budget, so that they
 * reach the database.
 */
@QuarkusTest
class OutOfRangeBudgetRequestsTest {

    @ParameterizedTest(name = "expires_at {0}")
    @MethodSource("io.switchboard.billing.Refusals#timesOutOfRange")
    void aReservationExpiringOutsideTheDatabasesRangeIsA400(String expiresAt) {
        String tenant = tenantWithHardBudget("1000");
        assertRefused(reservation(tenant, "j-" + UUID.randomUUID(), "10", "1", expiresAt), "expires_at",
                "invalid_value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tokens past a long      | 9223372036854775808 | 1                   | worst_case_tokens",
            "tokens negative         | -1                  | 1                   | worst_case_tokens",
            "cost past a long        | 1                   | 9223372036854775808 | worst_case_cost_pusd",
            "cost with an exponent   | 1                   | 1e999999999         | worst_case_cost_pusd",
            "cost a fraction         | 1                   | 0.5                 | worst_case_cost_pusd" })
    void aReservationAmountOutsideALongIsA400(String what, String tokens, String cost, String param) {
        String tenant = tenantWithHardBudget("1000");
        assertRefused(reservation(tenant, "j-" + UUID.randomUUID(), tokens, cost, "2030-01-01T00:00:00Z"), param,
                "invalid_value");
    }

    @Test
    void reservationsThatWouldOverflowTheBudgetsSumsAreRefusedByTheBudget() {
        String tenant = "t-" + UUID.randomUUID();
        BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + tenant + "\",\"period\":\"lifetime\","
                + "\"unit\":\"tokens\",\"limit\":" + Long.MAX_VALUE + ",\"enforcement\":\"hard\"}");
        String max = String.valueOf(Long.MAX_VALUE);

        reserve(reservation(tenant, "j-" + UUID.randomUUID(), max, "1", "2030-01-01T00:00:00Z"), 200);
        reserve(reservation(tenant, "j-" + UUID.randomUUID(), "1", "1", "2030-01-01T00:00:00Z"), 429);
        reserve(reservation(tenant, "j-" + UUID.randomUUID(), max, "1", "2030-01-01T00:00:00Z"), 429);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "usd past a long of picodollars | usd    | 9223373         ",
            "tokens past a long             | tokens | 9223372036854775808",
            "an exponent                    | usd    | 1e999999999     ",
            "a tiny exponent                | usd    | 1e-999999999    ",
            "negative tokens                | tokens | -5              " })
    void aLimitOutsideALongIsA400OnCreateAndOnChange(String what, String unit, String limit) {
        assertRefused(given().contentType(ContentType.JSON).body(budget(unit, limit, "hard"))
                .post("/internal/budgets"), "limit", "invalid_value");
        String id = BudgetsApiTest.create(budget(unit, "1", "hard"));
        assertRefused(given().contentType(ContentType.JSON).body("{\"limit\":" + limit + "}")
                .patch("/internal/budgets/" + id), "limit", "invalid_value");
    }

    @Test
    void theLargestLimitsAreAccepted() {
        BudgetsApiTest.create(budget("tokens", String.valueOf(Long.MAX_VALUE), "hard"));
        BudgetsApiTest.create(budget("usd", "\"9223372.036854775807\"", "soft"));
    }

    /** A daily budget of a new tenant. */
    private static String budget(String unit, String limit, String enforcement) {
        return "{\"scope\":\"tenant\",\"tenant_id\":\"t-" + UUID.randomUUID() + "\",\"period\":\"daily\",\"unit\":\""
                + unit + "\",\"limit\":" + limit + ",\"enforcement\":\"" + enforcement + "\"}";
    }

    private static String tenantWithHardBudget(String tokens) {
        String tenant = "t-" + UUID.randomUUID();
        BudgetsApiTest.create("{\"scope\":\"tenant\",\"tenant_id\":\"" + tenant + "\",\"period\":\"daily\","
                + "\"unit\":\"tokens\",\"limit\":" + tokens + ",\"enforcement\":\"hard\"}");
        return tenant;
    }

    private static Response reservation(String tenant, String job, String tokens, String cost,
            String expiresAt) {
        return given().contentType(ContentType.JSON).body("{\"job_id\":\"" + job + "\",\"tenant_id\":\"" + tenant
                + "\",\"model\":\"m\",\"worst_case_tokens\":" + tokens + ",\"worst_case_cost_pusd\":" + cost
                + ",\"expires_at\":\"" + expiresAt + "\"}").post("/internal/budgets/reservations");
    }

    private static void reserve(Response answer, int status) {
        answer.then().statusCode(status);
    }
}
