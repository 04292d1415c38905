package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/** A finished job is POSTed to its callback URL, signed, and retried until the receiver takes it. */
@QuarkusTest
class CallbackTest {

    private static final String ADMIN = bearer("sb-admin-demo-key-0001");

    record Delivery(String signature, String event, String body) {
    }

    private final String tenant = "cb-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(1);
    private HttpServer receiver;

    @BeforeEach
    void startTheTenantsReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            try (exchange) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Switchboard-Signature"),
                        exchange.getRequestHeaders().getFirst("Switchboard-Event"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    @Test
    void finishedJobIsPostedSignedAndRetriedWithItsAttemptsOnTheJob() throws Exception {
        String key = tenantKey();
        String secret = given().header("Authorization", ADMIN).post("/admin/v1/tenants/" + tenant + "/webhook-secret")
                .then().statusCode(201).extract().path("secret");
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        String jobId = given().header("Authorization", bearer(key)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"callback_url\":\"" + url
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"call me back\"}]}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");

        complete(jobId);

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 2);
        Delivery delivered = deliveries.get(1);
        assertEquals("job.succeeded", delivered.event());
        assertTrue(delivered.body().contains(jobId));
        Map<String, String> parts = signatureParts(delivered.signature());
        assertEquals(hmac(secret, parts.get("t") + "." + delivered.body()), parts.get("v1"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", bearer(key))
                .get("/v1/jobs/" + jobId).then()
                .body("callback.state", equalTo("delivered"))
                .body("callback.attempts", hasSize(2))
                .body("callback.attempts[0].status", equalTo(500))
                .body("callback.attempts[1].status", equalTo(204)));
    }

    @Test
    void aCallbackUrlThatIsNotHttpIs400() {
        given().header("Authorization", bearer(tenantKey())).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"callback_url\":\"file:///etc/passwd\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post("/v1/jobs").then().statusCode(400).body("error.param", equalTo("callback_url"));
    }

    private String tenantKey() {
        TestTenants.create(tenant);
        return TestTenants.issueKey(tenant);
    }

    private void complete(String jobId) throws Exception {
        var completion = EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"done"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}""");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "x")), null, null, null, null);
        JobDispatched job = new JobDispatched(1, jobId, tenant, null, "simulator", "sim-small", request, Instant.now());
        KafkaProbe.shared().sendEvent(Topic.RESULTS.topicName(), jobId, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(),
                EventJson.MAPPER.writeValueAsString(JobCompleted.succeeded(job, completion, 5, Instant.now())));
    }

    private static Map<String, String> signatureParts(String header) {
        var parts = new java.util.HashMap<String, String>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair[1]);
        }
        return parts;
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
