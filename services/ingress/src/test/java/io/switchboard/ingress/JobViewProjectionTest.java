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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
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

@QuarkusTest
class JobViewProjectionTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void jobGoesRunningThenSucceededWithItsCompletion() throws Exception {
        String jobId = newJobId();
        publishStatus(jobId, JobStatus.RUNNING);
        awaitStatus(jobId, "running");

        publishCompleted(jobId);
        awaitStatus(jobId, "succeeded");
        given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/jobs/" + jobId)
                .then().body("result.object", equalTo("chat.completion"))
                .body("result.choices[0].message.content", equalTo("Hello!"))
                .body("result.usage.total_tokens", equalTo(12));
    }

    @Test
    void anotherTenantsJobIs404() throws Exception {
        String jobId = newJobId();
        publishCompleted(jobId);
        awaitStatus(jobId, "succeeded");

        given().header("Authorization", bearer(GLOBEX_KEY)).when().get("/v1/jobs/" + jobId)
                .then().statusCode(404).body("error.code", equalTo("job_not_found"));
    }

    @Test
    void duplicateAndLateEventsDoNotMoveAJobBackwards() throws Exception {
        String jobId = newJobId();
        publishCompleted(jobId);
        awaitStatus(jobId, "succeeded");

        publishCompleted(jobId);
        publishStatus(jobId, JobStatus.RUNNING);
        String marker = newJobId();
        publishStatus(marker, JobStatus.RUNNING);
        awaitStatus(marker, "running"); // the later events of this partition stream have been applied

        given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/jobs/" + jobId)
                .then().body("status", equalTo("succeeded"));
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsProcessed() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.sendEvent(Topic.RESULTS.topicName(), poisonKey, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), "{ this is not json");
        String jobId = newJobId();
        publishCompleted(jobId);

        ConsumerRecord<String, String> dead = kafka.await(Topic.RESULTS.deadLetterName(),
                r -> poisonKey.equals(r.key()), Duration.ofSeconds(30));
        String reason = KafkaProbe.header(dead, "dead-letter-reason").orElseThrow();
        assertTrue(reason.contains("JobCompleted"), reason);
        assertEquals(Topic.RESULTS.topicName(), KafkaProbe.header(dead, "dead-letter-topic").orElseThrow());
        awaitStatus(jobId, "succeeded");
    }

    private static void awaitStatus(String jobId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer(ACME_KEY))
                .when().get("/v1/jobs/" + jobId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    private static void publishStatus(String jobId, JobStatus status) throws Exception {
        JobStatusChanged event = JobStatusChanged.of(jobId, ACME, "gpt-4o-mini", status, Instant.now());
        kafka.sendEvent(Topic.JOB_STATUS.topicName(), jobId, EventType.JOB_STATUS_CHANGED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(event));
    }

    private static void publishCompleted(String jobId) throws Exception {
        JsonNode completion = EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "hi")), null, null, null,
                null);
        JobDispatched dispatched = new JobDispatched(1, jobId, ACME, null, "simulator", "sim-small", request,
                Instant.now());
        JobCompleted event = JobCompleted.succeeded(dispatched, completion, 42, Instant.now());
        kafka.sendEvent(Topic.RESULTS.topicName(), jobId, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(event));
    }

    private static String newJobId() {
        return "job_" + UUID.randomUUID().toString().replace("-", "");
    }
}
