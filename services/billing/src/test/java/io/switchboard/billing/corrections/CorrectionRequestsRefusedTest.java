package io.switchboard.billing.corrections;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every bad correction request is a 400 in OpenAI's error shape naming the field at fault, never a 500, and nothing
 * is published for it (a request refused here never reaches the ledger).
 */
@QuarkusTest
class CorrectionRequestsRefusedTest {

    private static final String EVENT = UUID.randomUUID().toString();

    @Test
    void malformedOrIncompleteBodiesAreRefusedNamingTheField() {
        refused("{", null, "invalid_json");
        refused("[1]", null, "invalid_value");
        refused("""
                {"corrects_event_id":"%s","correction":"void","reason":"r"}""".formatted(EVENT), "tenant_id",
                "missing_required_parameter");
        refused("""
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"void"}""".formatted(EVENT), "reason",
                "missing_required_parameter");
        refused("""
                {"tenant_id":"acme","corrects_event_id":" ","correction":"void","reason":"r"}""",
                "corrects_event_id", "invalid_value");
        refused("""
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"refund","reason":"r"}""".formatted(EVENT),
                "correction", "invalid_value");
        refused("""
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"void","reason":"r","extra":1}"""
                .formatted(EVENT), "extra", "unknown_parameter");
        refused("""
                {"tenant_id":"acme\\u0000","corrects_event_id":"%s","correction":"void","reason":"r"}"""
                .formatted(EVENT), "tenant_id", "invalid_value");
        refused("""
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"void","reason":"%s"}"""
                .formatted(EVENT, "x".repeat(1001)), "reason", "invalid_value");
    }

    @Test
    void anAmendNeedsConsistentWholeTokenCountsAndAVoidNone() {
        refused(amend(null), "usage", "missing_required_parameter");
        refused(amend("{\"prompt_tokens\":10,\"completion_tokens\":5}"), "usage.total_tokens",
                "missing_required_parameter");
        refused(amend("{\"prompt_tokens\":-1,\"completion_tokens\":5,\"total_tokens\":4}"), "usage.prompt_tokens",
                "invalid_value");
        refused(amend("{\"prompt_tokens\":1.5,\"completion_tokens\":5,\"total_tokens\":6}"), "usage.prompt_tokens",
                "invalid_value");
        refused(amend("{\"prompt_tokens\":99999999999,\"completion_tokens\":5,\"total_tokens\":6}"),
                "usage.prompt_tokens", "invalid_value");
        refused(amend("{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,\"cached_tokens\":11}"),
                "usage", "invalid_value");
        refused(amend("{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,\"audio_tokens\":1}"),
                "usage.audio_tokens", "unknown_parameter");
        refused(amend("[]"), "usage", "invalid_value");
        refused("""
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"void","reason":"r",
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""".formatted(EVENT), "usage",
                "invalid_value");
    }

    /** (A blank header reaches the service as no header: HTTP trims it.) */
    @Test
    void anIdempotencyKeyMustBeShort() {
        for (String key : new String[] { "k".repeat(256), "k".repeat(10_000) }) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("""
                            {"tenant_id":"acme","corrects_event_id":"%s","correction":"void","reason":"r"}"""
                            .formatted(EVENT))
                    .post("/internal/usage-corrections").then().statusCode(400)
                    .body("error.param", equalTo("Idempotency-Key"));
        }
    }

    private static String amend(String usage) {
        return """
                {"tenant_id":"acme","corrects_event_id":"%s","correction":"amend","reason":"r"%s}"""
                .formatted(EVENT, usage == null ? "" : ",\"usage\":" + usage);
    }

    private static ValidatableResponse refused(String body, String param, String code) {
        return given().contentType(ContentType.JSON).body(body).post("/internal/usage-corrections").then()
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo(code))
                .body("error.message", notNullValue())
                .body("error.param", equalTo(param));
    }
}
