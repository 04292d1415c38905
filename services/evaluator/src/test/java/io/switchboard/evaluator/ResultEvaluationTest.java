package io.switchboard.evaluator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class ResultEvaluationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void sampledResultIsScoredAndStoredAndPublished() throws Exception {
        JobCompleted result = TestResults.succeeded("Hello!");
        String jobId = result.jobId();
        publish(jobId, result);

        awaitScores(jobId, 6);
        given().when().get("/internal/scores/" + jobId)
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("job_id", equalTo(jobId))
                .body("data.check", equalTo(List.of("answer_length", "finish_reason", "latency", "no_refusal", "non_empty_output", "within_length_limit")))
                .body("data.passed", equalTo(List.of(true, true, true, true, true, true)))
                .body("data.score", equalTo(List.of(1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f)))
                .body("data[0].tenant_id", equalTo(TestResults.TENANT))
                .body("data[0].model", equalTo(TestResults.MODEL))
                .body("data[0].detail", equalTo("6 characters"))
                .body("data[0].value", equalTo(6.0f))
                .body("data[2].value", equalTo(42.0f))
                .body("data[3].value", nullValue())
                .body("data.scorer_version", everyItem(equalTo(1)))
                .body("data.sampling_probability", everyItem(equalTo(1.0f)))
                .body("data[0]", hasKey("evaluated_at"));

        ConsumerRecord<String, String> record = kafka.await(Topic.SCORES.topicName(),
                r -> jobId.equals(r.key()) && EventType.EVALUATION_SCORED.type().equals(
                        KafkaProbe.header(r, "ce_type").orElse(null)), TIMEOUT);
        EvaluationScored scored = EventJson.MAPPER.readValue(record.value(), EvaluationScored.class);
        assertEquals(jobId, scored.jobId());
        assertEquals(TestResults.TENANT, scored.tenantId());
        assertTrue(scored.passed());
        assertEquals("/switchboard/evaluator", KafkaProbe.header(record, "ce_source").orElseThrow());
        assertEquals(jobId, KafkaProbe.header(record, "ce_subject").orElseThrow());
        assertTrue(KafkaProbe.header(record, "ce_id").isPresent());
    }

    @Test
    void jsonAskedButNotGivenFailsValidJson() throws Exception {
        JobCompleted result = TestResults.succeeded(TestResults.newJobId(), "Hello!", "stop", "json_object");
        publish(result.jobId(), result);

        awaitScores(result.jobId(), 7);
        given().when().get("/internal/scores/" + result.jobId())
                .then().body("data.check", equalTo(List.of("answer_length", "finish_reason", "latency", "no_refusal",
                        "non_empty_output", "valid_json", "within_length_limit")))
                .body("data.passed", equalTo(List.of(true, true, true, true, true, false, true)))
                .body("data[5].score", equalTo(0.0f))
                .body("data[5].detail", startsWith("content is not valid JSON"));
    }

    @Test
    void jsonAskedAndGivenPassesValidJson() throws Exception {
        JobCompleted result = TestResults.succeeded(TestResults.newJobId(), "{\"greeting\":\"Hello!\"}", "stop",
                "json_schema");
        publish(result.jobId(), result);

        awaitScores(result.jobId(), 7);
        given().when().get("/internal/scores/" + result.jobId())
                .then().body("data.passed", equalTo(List.of(true, true, true, true, true, true, true)));
    }

    @Test
    void duplicateResultIsScoredOnce() throws Exception {
        JobCompleted result = TestResults.succeeded("Hello!");
        String jobId = result.jobId();
        publish(jobId, result);
        awaitScores(jobId, 6);
        List<String> firstEvaluatedAt = given().when().get("/internal/scores/" + jobId)
                .then().extract().path("data.evaluated_at");

        publish(jobId, result);
        // The redelivery republishes the stored scores: twelve records for the job, with only six distinct ids.
        AtomicInteger seen = new AtomicInteger();
        Set<String> ids = new HashSet<>();
        kafka.await(Topic.SCORES.topicName(), r -> {
            if (!jobId.equals(r.key())) {
                return false;
            }
            ids.add(KafkaProbe.header(r, "ce_id").orElseThrow());
            return seen.incrementAndGet() == 12;
        }, TIMEOUT);
        assertEquals(6, ids.size(), "republished scores keep their event ids");

        given().when().get("/internal/scores/" + jobId)
                .then().body("data", hasSize(6))
                .body("data.evaluated_at", equalTo(firstEvaluatedAt));
    }

    /**
     * The drift watch counts every score it reads: a result read again (a redelivery, a replay of the evaluator)
     * republishes its stored scores to the scores topic, with their ids, but not to the watch's topic. A result of
     * the same stratum sent after it marks how far to read: its scores land on the same partition, later.
     */
    @Test
    void aResultReadAgainReachesTheDriftWatchOnce() throws Exception {
        JobCompleted result = TestResults.succeeded("Hello!");
        String jobId = result.jobId();
        publish(jobId, result);
        awaitScores(jobId, 6);
        publish(jobId, result);
        kafka.collect(Topic.SCORES.topicName(), r -> jobId.equals(r.key()), KafkaProbe.nth(12), TIMEOUT);

        JobCompleted marker = TestResults.succeeded("Hello!");
        publish(marker.jobId(), marker);
        List<ConsumerRecord<String, String>> watched = kafka.collect(Topic.SCORES_BY_STRATUM.topicName(),
                r -> r.value().contains(jobId) || r.value().contains(marker.jobId()),
                r -> r.value().contains(marker.jobId()), TIMEOUT);
        assertEquals(6, watched.stream().filter(r -> r.value().contains(jobId)).count(),
                "each of the six scores reached the drift watch once");
    }

    @Test
    void failedJobIsNotScored() throws Exception {
        String failedJobId = TestResults.newJobId();
        publish(failedJobId, TestResults.failed(failedJobId));
        // Same key, so same partition: once this later result is scored, the failed one has been consumed.
        JobCompleted marker = TestResults.succeeded("Hello!");
        publish(failedJobId, marker);
        awaitScores(marker.jobId(), 6);

        given().when().get("/internal/scores/" + failedJobId).then().statusCode(404);
    }

    @Test
    void unknownJobIs404WithAnOpenAiErrorBody() {
        given().when().get("/internal/scores/job_unknown")
                .then().statusCode(404)
                .body("error.message", equalTo("No scores found for job 'job_unknown'."))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error", hasKey("param"))
                .body("error.param", nullValue())
                .body("error.code", equalTo("not_found"));
    }

    @Test
    void poisonResultRecordGoesToDeadLetterTopic() throws Exception {
        // The ingress consumes this topic too and dead-letters into the same topic: match on our own key.
        String poisonKey = "poison-evaluator-" + UUID.randomUUID();
        kafka.sendEvent(Topic.RESULTS.topicName(), poisonKey, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), "{ this is not json");
        JobCompleted next = TestResults.succeeded("Hello!");
        publish(poisonKey, next);

        ConsumerRecord<String, String> dead = kafka.await(Topic.RESULTS.deadLetterName(),
                r -> poisonKey.equals(r.key()), TIMEOUT);
        assertEquals(Topic.RESULTS.topicName(), KafkaProbe.header(dead, "dead-letter-topic").orElseThrow());
        String reason = KafkaProbe.header(dead, "dead-letter-reason").orElseThrow();
        assertTrue(reason.contains("JobCompleted"), reason);
        awaitScores(next.jobId(), 6);
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    private static void awaitScores(String jobId, int checks) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/internal/scores/" + jobId)
                .then().statusCode(200).body("data", hasSize(checks)));
    }

    private static void publish(String key, JobCompleted result) throws Exception {
        kafka.sendEvent(Topic.RESULTS.topicName(), key, EventType.JOB_COMPLETED.type(), UUID.randomUUID().toString(),
                EventJson.MAPPER.writeValueAsString(result));
    }
}
