package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no broker to acknowledge it, a job is refused with 503 and Retry-After, never accepted. */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoBroker.class)
class KafkaUnavailableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // channel-level, so it wins over the KAFKA_BOOTSTRAP_SERVERS of the test environment
                    "mp.messaging.outgoing.requests.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "mp.messaging.outgoing.requests.max.block.ms", "1500",
                    "mp.messaging.outgoing.requests.delivery.timeout.ms", "3000",
                    "mp.messaging.outgoing.requests.request.timeout.ms", "1000",
                    "switchboard.ingress.publish-timeout", "6s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void jobIsRefusedWith503AndRetryAfterWhenKafkaIsUnreachable() {
        given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/jobs")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("service_unavailable"));
    }
}
