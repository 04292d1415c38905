package io.switchboard.ingress.organization;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no billing listening, the usage and costs reads are a 503 with Retry-After and OpenAI's error body. */
@QuarkusTest
@TestProfile(BillingUnavailableTest.NoBilling.class)
class BillingUnavailableTest {

    public static class NoBilling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("quarkus.rest-client.billing.url", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/organization/usage/completions", "/v1/organization/costs" })
    void aReportIsA503WhenBillingIsUnreachable(String path) {
        given().header("Authorization", bearer(ACME_KEY)).queryParam("start_time", "1730419200").get(path).then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("service_unavailable"))
                .body("error.message", notNullValue());
    }
}
