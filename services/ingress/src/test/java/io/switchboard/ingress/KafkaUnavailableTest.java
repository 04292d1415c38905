package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With no broker to acknowledge it, a job is refused with 503 and Retry-After, never accepted; so is a
 * route change, which is then not stored either.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoBroker.class)
class KafkaUnavailableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closed = closedPort();
            return Map.ofEntries(
                    // channel-level, so it wins over the KAFKA_BOOTSTRAP_SERVERS of the test environment
                    Map.entry("mp.messaging.outgoing.requests.bootstrap.servers", "127.0.0.1:" + closed),
                    Map.entry("mp.messaging.outgoing.requests.max.block.ms", "1500"),
                    Map.entry("mp.messaging.outgoing.requests.delivery.timeout.ms", "3000"),
                    Map.entry("mp.messaging.outgoing.requests.request.timeout.ms", "1000"),
                    Map.entry("mp.messaging.outgoing.config-routes.bootstrap.servers", "127.0.0.1:" + closed),
                    Map.entry("mp.messaging.outgoing.config-routes.max.block.ms", "1500"),
                    Map.entry("mp.messaging.outgoing.config-routes.delivery.timeout.ms", "3000"),
                    Map.entry("mp.messaging.outgoing.config-routes.request.timeout.ms", "1000"),
                    Map.entry("switchboard.ingress.publish-timeout", "6s"));
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

    @Test
    void aRouteChangeIsRefusedWith503AndNotStoredWhenKafkaIsUnreachable() {
        String alias = "unpublished-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json")
                .body("{\"targets\":[{\"name\":\"t\",\"provider\":\"simulator\",\"model\":\"sim-small\"}]}")
                .when().put("/admin/v1/routes/" + alias)
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("service_unavailable"));
        given().header("Authorization", bearer(ADMIN_KEY)).get("/admin/v1/routes/" + alias).then().statusCode(404);
    }
}
