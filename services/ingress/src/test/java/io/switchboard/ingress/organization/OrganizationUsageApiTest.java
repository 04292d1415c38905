package io.switchboard.ingress.organization;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.OpenAiSpec;

/**
 * The public organization usage and costs API against a billing-like server: who is asked about which tenant, what
 * reaches billing, and that billing's page, JSON or CSV, reaches the caller as OpenAI's tooling reads it.
 */
@QuarkusTest
@WithTestResource(BillingReportsStub.class)
class OrganizationUsageApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETIONS = "/v1/organization/usage/completions";
    private static final String COSTS = "/v1/organization/costs";

    @Test
    void aTenantKeyReadsItsOwnTenantAndTheQueryIsPassedOnAsGiven() throws Exception {
        String body = as(ACME_KEY).queryParam("start_time", "1730419200").queryParam("group_by[]", "model")
                .queryParam("group_by[]", "route").queryParam("bucket_time_zone", "Europe/Berlin")
                .get(COMPLETIONS).then().statusCode(200).contentType(startsWith("application/json"))
                .extract().asString();

        BillingReportsStub.Asked asked = BillingReportsStub.last();
        assertEquals("/internal/organization/acme/usage/completions", asked.path());
        assertTrue(asked.query().contains("group_by[]=model") && asked.query().contains("group_by[]=route"),
                asked.query());
        assertTrue(asked.query().contains("bucket_time_zone=Europe/Berlin"), asked.query());
        OpenAiSpec.assertConforms("UsageResponse", JSON.readTree(body));

        as(GLOBEX_KEY).queryParam("start_time", "1730419200").get(COSTS).then().statusCode(200);
        assertEquals("/internal/organization/globex/costs", BillingReportsStub.last().path());
    }

    @Test
    void usageAndCostsPagesConformToOpenAisSchemas() throws Exception {
        JsonNode usage = JSON.readTree(as(ACME_KEY).queryParam("start_time", "1730419200").get(COMPLETIONS).then()
                .statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("UsageResponse", usage);
        OpenAiSpec.assertConforms("UsageCompletionsResult", usage.path("data").get(0).path("results").get(0));
        assertTrue(usage.path("has_more").asBoolean());
        assertEquals("page_MTczMDU5MjAwMC5hYmM", usage.path("next_page").asText());

        String costsBody = as(ACME_KEY).queryParam("start_time", "1730419200").get(COSTS).then().statusCode(200)
                .extract().asString();
        JsonNode costs = JSON.readTree(costsBody);
        OpenAiSpec.assertConforms("UsageResponse", costs);
        JsonNode result = costs.path("data").get(0).path("results").get(0);
        OpenAiSpec.assertConforms("CostsResult", result);
        assertTrue(costsBody.contains("\"value\":0.060000"), "amounts are relayed as written: " + costsBody);
    }

    @Test
    void aTenantKeyNamingAnotherTenantIsRefusedAndBillingIsNotAsked() {
        as(ACME_KEY).queryParam("start_time", "1730419201").queryParam("tenant", "globex").get(COMPLETIONS).then()
                .statusCode(403)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("tenant"))
                .body("error.code", equalTo("tenant_not_allowed"));
        BillingReportsStub.Asked asked = BillingReportsStub.last();
        assertFalse(asked != null && asked.query().contains("1730419201"), "billing was not asked");
        as(ACME_KEY).queryParam("start_time", "1730419200").queryParam("tenant", "acme").get(COSTS).then()
                .statusCode(200);
        assertEquals("/internal/organization/acme/costs", BillingReportsStub.last().path());
        assertFalse(BillingReportsStub.last().query().contains("tenant="), "the tenant goes in the path only");
    }

    @Test
    void theAdminCredentialReadsTheTenantItNamesAndMustNameOne() {
        as(ADMIN_KEY).queryParam("start_time", "1730419200").queryParam("tenant", "globex").get(COSTS).then()
                .statusCode(200);
        assertEquals("/internal/organization/globex/costs", BillingReportsStub.last().path());
        as(ADMIN_KEY).queryParam("start_time", "1730419200").get(COMPLETIONS).then().statusCode(400)
                .body("error.param", equalTo("tenant"));
    }

    @Test
    void withoutAValidKeyNothingIsRead() {
        given().queryParam("start_time", "1730419200").get(COMPLETIONS).then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
        as("sb-not-a-key").queryParam("start_time", "1730419200").get(COSTS).then().statusCode(401);
    }

    @Test
    void billingsRefusalReachesTheCallerAsWritten() {
        as(ACME_KEY).get(COMPLETIONS).then().statusCode(400)
                .body("error.message", equalTo("Missing required parameter: 'start_time'."))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("start_time"))
                .body("error.code", equalTo("missing_required_parameter"));
    }

    @Test
    void csvIsRelayedWithItsTypeAndNextPage() {
        as(ACME_KEY).header("Accept", "text/csv").queryParam("start_time", "1730419200").get(COMPLETIONS).then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .header("X-Next-Page", equalTo("page_MTczMDUwNTYwMC5hYmM"))
                .body(startsWith("start_time,end_time,input_tokens"));
        assertTrue(BillingReportsStub.last().accept().startsWith("text/csv"));
        as(ACME_KEY).queryParam("format", "csv").queryParam("start_time", "1730419200").get(COSTS).then()
                .statusCode(200).contentType(startsWith("text/csv"));
    }

    @Test
    void aBillingFailureIsA503ToRetry() {
        as(ACME_KEY).queryParam("start_time", "1730419200").queryParam("group_by", "explode").get(COMPLETIONS).then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("service_unavailable"));
    }

    @Test
    void theOpenApiDocumentListsBothOperations() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/organization/usage/completions'.get.summary", notNullValue())
                .body("paths.'/v1/organization/costs'.get.summary", notNullValue());
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", bearer(key));
    }
}
