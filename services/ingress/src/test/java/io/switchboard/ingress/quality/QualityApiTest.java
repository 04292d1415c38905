package io.switchboard.ingress.quality;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The public quality reads against an evaluator-like server: what the ingress asks it, for which tenant, and how its
 * refusals and failures reach the caller.
 */
@QuarkusTest
@WithTestResource(EvaluatorStub.class)
class QualityApiTest {

    @Test
    void aTenantKeyAsksAboutItsOwnTenantOnly() {
        as(ACME_KEY).queryParam("route", "support-bot").get("/v1/evaluations").then().statusCode(200)
                .body("path", equalTo("/internal/evaluations"))
                .body("query", containsString("tenant=acme"))
                .body("query", containsString("route=support-bot"));
        as(GLOBEX_KEY).get("/v1/evaluations/summary").then().statusCode(200)
                .body("path", equalTo("/internal/evaluations/summary"))
                .body("query", equalTo("tenant=globex"));
    }

    @Test
    void aTenantKeyNamingAnotherTenantIsRefusedAndNothingIsAsked() {
        as(ACME_KEY).queryParam("tenant", "globex").get("/v1/evaluations").then().statusCode(403)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("tenant"))
                .body("error.code", equalTo("tenant_not_allowed"))
                .body("path", equalTo(null));
        as(ACME_KEY).queryParam("tenant", "globex").get("/v1/quality/alerts").then().statusCode(403);
        as(ACME_KEY).queryParam("tenant", "globex").get("/v1/routes/support-bot/comparison").then().statusCode(403);
        as(ACME_KEY).queryParam("tenant", "acme").get("/v1/evaluations").then().statusCode(200)
                .body("query", equalTo("tenant=acme"));
    }

    @Test
    void theAdminCredentialReadsEveryTenantOrTheOneItNames() {
        as(ADMIN_KEY).get("/v1/evaluations").then().statusCode(200)
                .body("query", not(containsString("tenant=")));
        as(ADMIN_KEY).queryParam("tenant", "globex").queryParam("kind", "QUALITY_DEGRADED").get("/v1/quality/alerts")
                .then().statusCode(200)
                .body("path", equalTo("/internal/quality/alerts"))
                .body("query", containsString("tenant=globex"))
                .body("query", containsString("kind=QUALITY_DEGRADED"));
        as(ADMIN_KEY).queryParam("since", "2026-12-01T00:00:00Z").get("/v1/routes/support-bot/comparison").then()
                .statusCode(200)
                .body("path", equalTo("/internal/routes/support-bot/comparison"))
                .body("query", not(containsString("tenant=")));
    }

    @Test
    void theAdminCredentialIsNoKeyForTheRestOfTheTenantsApi() {
        as(ADMIN_KEY).get("/v1/jobs").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        as(ADMIN_KEY).get("/v1/usage").then().statusCode(401);
    }

    @Test
    void withoutAValidKeyNothingIsRead() {
        given().get("/v1/evaluations").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        as("sb-not-a-key").get("/v1/quality/alerts").then().statusCode(401);
    }

    @Test
    void theEvaluatorsRefusalReachesTheCallerAsWritten() {
        as(ACME_KEY).queryParam("cursor", "refuse").get("/v1/evaluations").then().statusCode(400)
                .body("error.message", equalTo("Invalid 'cursor': it is not a cursor this API gave out."))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("cursor"))
                .body("error.code", equalTo("invalid_request"));
    }

    @Test
    void anUnknownParameterIsA400BeforeTheEvaluatorIsAsked() {
        as(ACME_KEY).queryParam("modle", "sim-small").get("/v1/evaluations").then().statusCode(400)
                .body("error.param", equalTo("modle"))
                .body("error.code", equalTo("unknown_parameter"));
        as(ACME_KEY).queryParam("limit", "5").get("/v1/routes/support-bot/comparison").then().statusCode(400)
                .body("error.param", equalTo("limit"));
    }

    @Test
    void anEvaluatorFailureIsA503ToRetry() {
        as(ACME_KEY).queryParam("model", "explode").get("/v1/evaluations").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("service_unavailable"));
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", bearer(key));
    }
}
