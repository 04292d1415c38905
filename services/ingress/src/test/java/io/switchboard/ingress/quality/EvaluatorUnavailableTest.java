package io.switchboard.ingress.quality;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
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

/** With no evaluator listening, every quality read is a 503 with Retry-After and OpenAI's error body, never a 500. */
@QuarkusTest
@TestProfile(EvaluatorUnavailableTest.NoEvaluator.class)
class EvaluatorUnavailableTest {

    public static class NoEvaluator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("quarkus.rest-client.evaluator.url", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/evaluations", "/v1/evaluations/summary", "/v1/quality/alerts",
            "/v1/routes/support-bot/comparison" })
    void everyQualityReadIsA503WhenTheEvaluatorIsUnreachable(String path) {
        given().header("Authorization", bearer(ACME_KEY)).get(path).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("service_unavailable"));
        given().header("Authorization", bearer(ADMIN_KEY)).get(path).then().statusCode(503);
    }
}
