package io.switchboard.contextstore;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class SessionContextTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String session = "session-" + UUID.randomUUID();

    @Test
    void firstTurnOfASessionIsSentWithoutHistory() {
        open(tenant, "job-1", "Hi, I am Ada", false).statusCode(200)
                .body("messages.content", contains("Hi, I am Ada"));
    }

    @Test
    void secondTurnIsSentWithTheFirstExchangeInFront() throws Exception {
        open(tenant, "job-1", "Hi, I am Ada", false).statusCode(200);
        publishSucceeded("job-1", "Hello Ada!");
        awaitHistorySize(2);

        open(tenant, "job-2", "What is my name?", false).statusCode(200)
                .body("messages.role", contains("user", "assistant", "user"))
                .body("messages.content", contains("Hi, I am Ada", "Hello Ada!", "What is my name?"));
    }

    @Test
    void secondTurnWaitsWhileTheFirstIsStillOpenUnlessForced() {
        open(tenant, "job-1", "first", false).statusCode(200);

        open(tenant, "job-2", "second", false).statusCode(409).body("error.type", equalTo("session_busy"));
        open(tenant, "job-2", "second", true).statusCode(200).body("messages.content", contains("second"));
    }

    @Test
    void duplicateResultAppendsTheExchangeOnce() throws Exception {
        open(tenant, "job-1", "once", false).statusCode(200);
        publishSucceeded("job-1", "reply");
        publishSucceeded("job-1", "reply");
        awaitHistorySize(2);
        String marker = "session-" + UUID.randomUUID();
        open(tenant, marker, "job-m", "marker", false);
        publishSucceededIn(marker, "job-m", "done");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(tenant, marker).body("messages", hasSize(2)));

        view(tenant, session).body("messages", hasSize(2)).body("open_jobs", empty());
    }

    @Test
    void aFinishedJobRoutedAgainDoesNotHoldTheSessionsNextTurn() throws Exception {
        open(tenant, "job-1", "once", false).statusCode(200);
        publishSucceeded("job-1", "reply");
        awaitHistorySize(2);

        // a router that crashed before committing routes job-1 again; its result is out, no other will come
        open(tenant, "job-1", "once", false).statusCode(200);
        view(tenant, session).body("open_jobs", empty());
        open(tenant, "job-2", "next", false).statusCode(200)
                .body("messages.content", contains("once", "reply", "next"));
    }

    @Test
    void failedJobDropsItsTurnAndTheSessionGoesOn() throws Exception {
        open(tenant, "job-1", "this will fail", false).statusCode(200);
        publishFailed("job-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(tenant, session).body("open_jobs", empty()));

        view(tenant, session).body("messages", empty());
        open(tenant, "job-2", "next", false).statusCode(200).body("messages.content", contains("next"));
    }

    @Test
    void aSessionIdOfAnotherTenantIsAnotherSession() throws Exception {
        open(tenant, "job-1", "secret of tenant one", false).statusCode(200);
        publishSucceeded("job-1", "noted");
        awaitHistorySize(2);

        open("other-" + tenant, "job-x", "hello", false).statusCode(200).body("messages.content", contains("hello"));
    }

    private ValidatableResponse open(String tenantId, String jobId, String content, boolean force) {
        return open(tenantId, session, jobId, content, force);
    }

    private static ValidatableResponse open(String tenantId, String sessionId, String jobId, String content,
            boolean force) {
        return given().contentType("application/json")
                .body("{\"job_id\":\"" + jobId + "\",\"force\":" + force + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + content + "\"}]}")
                .when().post("/internal/sessions/" + tenantId + "/" + sessionId + "/context")
                .then();
    }

    private static ValidatableResponse view(String tenantId, String sessionId) {
        return given().when().get("/internal/sessions/" + tenantId + "/" + sessionId).then().statusCode(200);
    }

    private void awaitHistorySize(int size) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(tenant, session).body("messages", hasSize(size)));
    }

    private void publishSucceeded(String jobId, String reply) throws Exception {
        publishSucceededIn(session, jobId, reply);
    }

    private void publishSucceededIn(String sessionId, String jobId, String reply) throws Exception {
        var completion = EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""".formatted(reply));
        publish(JobCompleted.succeeded(dispatched(sessionId, jobId), completion, 5, Instant.now()));
    }

    private void publishFailed(String jobId) throws Exception {
        JobDispatched job = dispatched(session, jobId);
        publish(JobCompleted.failed(jobId, tenant, session, job.request(), "simulator", "sim-small",
                new JobError("provider_http_500", "boom"), 5, Instant.now()));
    }

    private JobDispatched dispatched(String sessionId, String jobId) {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "x")), null, null, null,
                null);
        return new JobDispatched(1, jobId, tenant, sessionId, "simulator", "sim-small", request, Instant.now());
    }

    private static void publish(JobCompleted result) throws Exception {
        kafka.sendEvent(Topic.RESULTS.topicName(), result.jobId(), EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(result));
    }
}
