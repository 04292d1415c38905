package io.switchboard.ingress.pricing;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Billing's price catalog through the admin API: what reaches billing, what comes back, and who may ask. */
@QuarkusTest
@WithTestResource(BillingPricesStub.class)
class PricesAdminTest {

    private static final String PRICE = """
            {"provider":"openai","provider_model":"gpt-4o","prices":{"input":2.50,"cached_input":1.25,"output":10.000001},\
            "source":"https://platform.openai.com/docs/pricing"}""";

    @Test
    void theAdminAddsAPriceWhoseDecimalsReachBillingUntouched() {
        as(ADMIN_KEY).contentType(ContentType.JSON).body(PRICE).post("/admin/v1/prices").then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("path", equalTo("/internal/prices"))
                .body("body", equalTo(PRICE));
    }

    @Test
    void theAdminListsWithFiltersAndReadsAVersion() {
        as(ADMIN_KEY).queryParam("provider", "openai").queryParam("model", "gpt-4o")
                .queryParam("at", "2026-01-01T00:00:00Z").get("/admin/v1/prices").then().statusCode(200)
                .body("path", equalTo("/internal/prices"))
                .body("query", equalTo("provider=openai&model=gpt-4o&at=2026-01-01T00%3A00%3A00Z"));
        as(ADMIN_KEY).get("/admin/v1/prices/3f1c").then().statusCode(200)
                .body("path", equalTo("/internal/prices/3f1c"));
    }

    @Test
    void billingsRefusalsComeBackAsWritten() {
        as(ADMIN_KEY).contentType(ContentType.JSON).body("{\"provider\":\"refuse\"}").post("/admin/v1/prices").then()
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("prices.input"))
                .body("error.code", equalTo("invalid_value"));
        as(ADMIN_KEY).get("/admin/v1/prices/unknown").then().statusCode(404)
                .body("error.code", equalTo("not_found"));
        as(ADMIN_KEY).contentType(ContentType.JSON).body("").post("/admin/v1/prices").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void aBillingFailureIsA503ToRetryNeverA500() {
        as(ADMIN_KEY).queryParam("model", "explode").get("/admin/v1/prices").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("service_unavailable"));
    }

    @Test
    void onlyTheAdminCredentialManagesPrices() {
        as(ACME_KEY).get("/admin/v1/prices").then().statusCode(401);
        given().contentType(ContentType.JSON).body(PRICE).post("/admin/v1/prices").then().statusCode(401);
        as(ACME_KEY).contentType(ContentType.JSON).body(PRICE).post("/admin/v1/prices").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
