package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.CancellationMarks;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import jakarta.inject.Inject;

@QuarkusTest
class JobCancellationTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aQueuedJobIsCancelledMarkedForTheWorkersAndAnnounced() throws Exception {
        String jobId = submit();

        cancel(ACME_KEY, jobId).statusCode(200).body("status", equalTo("cancelled"));

        assertTrue(redis.key().exists(CancellationMarks.keyOf(jobId)));
        JobStatusChanged event = EventJson.MAPPER.readValue(KafkaProbe.shared().await(Topic.JOB_STATUS.topicName(),
                r -> r.value().contains(jobId), Duration.ofSeconds(30)).value(), JobStatusChanged.class);
        assertEquals(JobStatus.CANCELLED, event.status());
    }

    @Test
    void anOutcomeArrivingAfterTheCancellationDoesNotUndoIt() throws Exception {
        String jobId = submit();
        cancel(ACME_KEY, jobId).statusCode(200);

        publishSucceeded(jobId);
        String marker = submit();
        publishSucceeded(marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer(ACME_KEY))
                .get("/v1/jobs/" + marker).then().body("status", equalTo("succeeded")));

        given().header("Authorization", bearer(ACME_KEY)).get("/v1/jobs/" + jobId)
                .then().body("status", equalTo("cancelled"));
    }

    @Test
    void cancellingTwiceIsHarmlessAndAFinishedJobCannotBeCancelled() throws Exception {
        String jobId = submit();
        cancel(ACME_KEY, jobId).statusCode(200);
        cancel(ACME_KEY, jobId).statusCode(200).body("status", equalTo("cancelled"));

        String finished = submit();
        publishSucceeded(finished);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer(ACME_KEY))
                .get("/v1/jobs/" + finished).then().body("status", equalTo("succeeded")));
        cancel(ACME_KEY, finished).statusCode(409).body("error.code", equalTo("job_not_cancellable"));
    }

    @Test
    void anotherTenantsJobIs404() {
        String jobId = submit();

        cancel(GLOBEX_KEY, jobId).statusCode(404);
        given().header("Authorization", bearer(ACME_KEY)).get("/v1/jobs/" + jobId)
                .then().body("status", equalTo("queued"));
    }

    private static String submit() {
        return given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"cancel me\"}]}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse cancel(String key, String jobId) {
        return given().header("Authorization", bearer(key)).post("/v1/jobs/" + jobId + "/cancel").then();
    }

    private static void publishSucceeded(String jobId) throws Exception {
        var completion = EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"late"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}""");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "x")), null, null, null, null);
        JobDispatched job = new JobDispatched(1, jobId, ACME, null, "simulator", "sim-small", request, Instant.now());
        KafkaProbe.shared().sendEvent(Topic.RESULTS.topicName(), jobId, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(),
                EventJson.MAPPER.writeValueAsString(JobCompleted.succeeded(job, completion, 5, Instant.now())));
    }
}
