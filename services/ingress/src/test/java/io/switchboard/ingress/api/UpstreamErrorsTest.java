package io.switchboard.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An upstream's OpenAI error reaches the caller with the upstream's status and every field it wrote; the HTTP round
 * trips (billing's and the evaluator's 400, 404 and 500 through the real REST clients) are in PricesAdminTest,
 * OrganizationUsageApiTest, QualityApiTest and RubricsAdminTest.
 */
class UpstreamErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aQuotaRefusalKeepsItsStatusTypeAndCode() throws Exception {
        JsonNode body = JSON.readTree("""
                {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,\
                "code":"insufficient_quota"},"budget":{"id":"b1"}}""");

        ApiException relayed = UpstreamErrors.relayed(429, body.path("error"));

        assertEquals(429, relayed.status());
        assertEquals(ErrorBody.of("You exceeded your current quota.", "insufficient_quota", null, "insufficient_quota"),
                relayed.body());
        assertNull(relayed.retryAfterSeconds(), "an upstream's refusal is relayed without a Retry-After");
    }

    @Test
    void aRefusedParameterIsNamed() throws Exception {
        JsonNode body = JSON.readTree("""
                {"error":{"message":"Invalid 'page'.","type":"invalid_request_error","param":"page",\
                "code":"invalid_value"}}""");

        ApiException relayed = UpstreamErrors.relayed(400, body.path("error"));

        assertEquals(ErrorBody.of("Invalid 'page'.", "invalid_request_error", "page", "invalid_value"), relayed.body());
    }

    @Test
    void anUnreadableBodyKeepsTheStatusWithAGenericError() {
        ApiException notFound = UpstreamErrors.relayed(404, MissingNode.getInstance());
        ApiException refused = UpstreamErrors.relayed(400, MissingNode.getInstance());

        assertEquals(ErrorBody.of("Not found.", "invalid_request_error", null, "not_found"), notFound.body());
        assertEquals(404, notFound.status());
        assertEquals(ErrorBody.of("The request's parameters were refused.", "invalid_request_error", null,
                "invalid_request"), refused.body());
    }

    @Test
    void aStatusTheClientDoesNotRelayIsLeftToOrUnavailable() {
        assertNull(UpstreamErrors.relayed(Response.status(500).build(), 400, 404));
        assertNull(UpstreamErrors.relayed(Response.status(404).build(), 400));
    }
}
