package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The admin API of budgets on the running service and real PostgreSQL: CRUD, tenant isolation, validation. */
@QuarkusTest
class BudgetsApiTest {

    @Test
    void aBudgetIsCreatedReadChangedAndDeleted() {
        String tenant = "t-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body("""
                {"scope":"api_key","tenant_id":"%s","api_key_id":"key_1","period":"monthly",
                 "time_zone":"Europe/Paris","unit":"usd","limit":"12.50","enforcement":"hard"}
                """.formatted(tenant)).post("/internal/budgets").then().statusCode(201)
                .body("object", equalTo("budget"))
                .body("limit", equalTo("12.5"))
                .body("limit_amount", equalTo(12_500_000_000_000L))
                .body("time_zone", equalTo("Europe/Paris"))
                .body("current_period.spent", equalTo(0))
                .extract().path("id");

        given().get("/internal/budgets/" + id).then().statusCode(200).body("api_key_id", equalTo("key_1"));
        given().contentType(ContentType.JSON).body("{\"limit\": 20, \"enforcement\": \"soft\"}")
                .patch("/internal/budgets/" + id).then().statusCode(200)
                .body("limit_amount", equalTo(20_000_000_000_000L)).body("enforcement", equalTo("soft"))
                .body("period", equalTo("monthly"));
        given().delete("/internal/budgets/" + id).then().statusCode(204);
        given().get("/internal/budgets/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        given().delete("/internal/budgets/" + id).then().statusCode(404);
    }

    @Test
    void aTenantsListShowsOnlyItsOwnBudgetsAndModelBudgetsAreListedApart() {
        String acme = "acme-" + UUID.randomUUID();
        String globex = "globex-" + UUID.randomUUID();
        String model = "m-" + UUID.randomUUID();
        create("{\"scope\":\"tenant\",\"tenant_id\":\"" + acme + "\",\"period\":\"daily\",\"unit\":\"tokens\","
                + "\"limit\":1000,\"enforcement\":\"hard\"}");
        create("{\"scope\":\"tenant_model\",\"tenant_id\":\"" + acme + "\",\"model\":\"" + model
                + "\",\"period\":\"lifetime\",\"unit\":\"usd\",\"limit\":\"1\",\"enforcement\":\"soft\"}");
        create("{\"scope\":\"tenant\",\"tenant_id\":\"" + globex + "\",\"period\":\"daily\",\"unit\":\"tokens\","
                + "\"limit\":5,\"enforcement\":\"hard\"}");
        String operators = create("{\"scope\":\"model\",\"model\":\"" + model + "\",\"period\":\"daily\","
                + "\"unit\":\"usd\",\"limit\":\"100\",\"enforcement\":\"hard\"}");

        given().queryParam("tenant_id", acme).get("/internal/budgets").then().statusCode(200)
                .body("object", equalTo("list")).body("data", hasSize(2))
                .body("data.tenant_id", org.hamcrest.Matchers.everyItem(equalTo(acme)));
        given().queryParam("tenant_id", globex).get("/internal/budgets").then().body("data", hasSize(1))
                .body("data[0].limit_amount", equalTo(5));
        given().queryParam("scope", "model").get("/internal/budgets").then()
                .body("data.id", org.hamcrest.Matchers.hasItem(operators))
                .body("data.tenant_id", org.hamcrest.Matchers.everyItem(nullValue()));
        given().get("/internal/budgets").then().statusCode(400).body("error.param", equalTo("tenant_id"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON | {oops | | invalid_json",
            "unknown scope | {\"scope\":\"team\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | scope | invalid_value",
            "key budget without a key | {\"scope\":\"api_key\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | api_key_id | missing_required_parameter",
            "model budget with a tenant | {\"scope\":\"model\",\"tenant_id\":\"a\",\"model\":\"m\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | tenant_id | invalid_value",
            "fixed offset zone | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"time_zone\":\"+02:00\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | time_zone | invalid_value",
            "unknown zone | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"time_zone\":\"Mars/Olympus\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | time_zone | invalid_value",
            "weekly period | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"weekly\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | period | invalid_value",
            "negative limit | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":\"-1\",\"enforcement\":\"hard\"} | limit | invalid_value",
            "13 decimals | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":0.0000000000001,\"enforcement\":\"hard\"} | limit | invalid_value",
            "fractional tokens | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"tokens\",\"limit\":1.5,\"enforcement\":\"hard\"} | limit | invalid_value",
            "limit not a number | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":\"ten\",\"enforcement\":\"hard\"} | limit | invalid_type",
            "no enforcement | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1} | enforcement | missing_required_parameter",
            "unknown field | {\"scope\":\"tenant\",\"tenant_id\":\"a\",\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\",\"color\":\"red\"} | color | unknown_parameter",
            "tenant as a number | {\"scope\":\"tenant\",\"tenant_id\":7,\"period\":\"daily\",\"unit\":\"usd\",\"limit\":1,\"enforcement\":\"hard\"} | tenant_id | invalid_type" })
    void badBudgetsAreRefusedWith400NamingTheField(String what, String body, String param, String code) {
        given().contentType(ContentType.JSON).body(body).post("/internal/budgets").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param == null || param.isBlank() ? null : param))
                .body("error.code", equalTo(code))
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void badChangesAndReservationsAreRefusedWith400() {
        String id = create("{\"scope\":\"tenant\",\"tenant_id\":\"t-" + UUID.randomUUID() + "\",\"period\":\"daily\","
                + "\"unit\":\"tokens\",\"limit\":10,\"enforcement\":\"hard\"}");
        given().contentType(ContentType.JSON).body("{\"period\":\"monthly\"}").patch("/internal/budgets/" + id).then()
                .statusCode(400).body("error.code", equalTo("unknown_parameter"));
        given().contentType(ContentType.JSON).body("{}").patch("/internal/budgets/" + id).then()
                .statusCode(400).body("error.code", equalTo("missing_required_parameter"));
        given().contentType(ContentType.JSON).body("{\"limit\": 2.5}").patch("/internal/budgets/" + id).then()
                .statusCode(400).body("error.param", equalTo("limit"));
        given().contentType(ContentType.JSON).body("{\"limit\": 5}").patch("/internal/budgets/bud_missing").then()
                .statusCode(404);
        given().contentType(ContentType.JSON).body("""
                {"job_id":"j","tenant_id":"a","model":"m","worst_case_tokens":10,"worst_case_cost_pusd":-1,
                 "expires_at":"2030-01-01T00:00:00Z"}""").post("/internal/budgets/reservations").then()
                .statusCode(400).body("error.param", equalTo("worst_case_cost_pusd"));
        given().contentType(ContentType.JSON).body("""
                {"job_id":"j","tenant_id":"a","model":"m","worst_case_tokens":10,"worst_case_cost_pusd":1,
                 "expires_at":"tomorrow"}""").post("/internal/budgets/reservations").then()
                .statusCode(400).body("error.param", equalTo("expires_at"));
        given().contentType(ContentType.JSON).body("""
                {"tenant_id":"a","model":"m","worst_case_tokens":10,"worst_case_cost_pusd":1,
                 "expires_at":"2030-01-01T00:00:00Z"}""").post("/internal/budgets/reservations").then()
                .statusCode(400).body("error.param", equalTo("job_id"));
    }

    static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/internal/budgets").then().statusCode(201)
                .extract().path("id");
    }
}
