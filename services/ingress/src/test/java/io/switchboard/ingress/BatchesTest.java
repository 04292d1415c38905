package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.OpenAiSpec;

/**
 * OpenAI's Batch API over the job pipeline. There is no router or worker here: the test plays them,
 * reading each batch request's job from the requests topic and publishing its result.
 */
@QuarkusTest
@TestProfile(BatchesTest.TwoRequestsPerStep.class)
class BatchesTest {

    /** Submission throttled to two requests per step, so that a test can catch a batch half submitted. */
    public static class TwoRequestsPerStep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.ingress.batch.submit-per-step", "2");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /**
     * OpenAI's batch output line ({@code BatchRequestOutput} in OpenAI's API reference), which the bundled
     * OpenAPI document does not include.
     */
    private static final JsonSchema BATCH_REQUEST_OUTPUT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema("""
                    {"type": "object", "required": ["id", "custom_id", "response", "error"],
                     "properties": {
                       "id": {"type": "string"},
                       "custom_id": {"type": "string"},
                       "response": {"type": ["object", "null"], "required": ["status_code", "request_id", "body"],
                         "properties": {"status_code": {"type": "integer"}, "request_id": {"type": "string"},
                                        "body": {"type": "object"}}},
                       "error": {"type": ["object", "null"], "required": ["code", "message"],
                         "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}""");

    @Test
    void batchOfGoodAndBadLinesCompletesWithEveryLineInTheOutputOrTheErrorFile() throws Exception {
        String run = UUID.randomUUID().toString();
        String file = uploadLines(ACME_KEY,
                line(run, "ok-1", "gpt-4o-mini"),
                "{\"custom_id\":\"broken\",\"method\":\"POST\",\"url\":",
                line(run, "ok-2", "gpt-4o-mini"),
                line(run, "ok-1", "gpt-4o-mini"),
                line(run, "unknown-model", "gpt-unknown"),
                line(run, "wrong-url", "gpt-4o-mini").replace("/v1/chat/completions", "/v1/embeddings"),
                "",
                line(run, "provider-fails", "gpt-4o-mini"));

        JsonNode created = createBatch(ACME_KEY, file);
        OpenAiSpec.assertConforms("Batch", created);
        assertEquals("validating", created.path("status").asText());
        assertEquals("/v1/chat/completions", created.path("endpoint").asText());
        assertEquals("24h", created.path("completion_window").asText());
        assertEquals(created.path("created_at").asLong() + 24 * 3600, created.path("expires_at").asLong());
        String id = created.path("id").asText();

        JsonNode running = awaitBatch(ACME_KEY, id, batch -> "in_progress".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", running);
        assertCounts(running, 7, 0, 4); // the bad lines fail at once; blank lines are no requests

        Map<String, JobRequested> jobs = requested(run, 3);
        jobs.values().forEach(job -> assertEquals(Priority.LOW, job.priority(), "batch work yields to interactive work"));
        complete(jobs.get("ok-1"));
        complete(jobs.get("ok-2"));
        fail(jobs.get("provider-fails"), "rate_limit_exceeded");

        JsonNode done = awaitBatch(ACME_KEY, id, batch -> "completed".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", done);
        assertCounts(done, 7, 2, 5);
        for (String stamp : List.of("in_progress_at", "finalizing_at", "completed_at")) {
            assertTrue(done.path(stamp).asLong() >= done.path("created_at").asLong(), stamp + " in " + done);
        }

        List<JsonNode> output = download(ACME_KEY, outputFile(ACME_KEY, done, "output_file_id"));
        assertEquals(List.of("ok-1", "ok-2"), customIds(output));
        for (JsonNode line : output) {
            assertIsBatchRequestOutput(line);
            assertTrue(line.path("id").asText().startsWith("batch_req_"), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt());
            assertEquals(jobs.get(line.path("custom_id").asText()).jobId(), line.at("/response/request_id").asText());
            OpenAiSpec.assertConforms("CreateChatCompletionResponse", line.at("/response/body"));
            assertEquals("answer to " + line.path("custom_id").asText(),
                    line.at("/response/body/choices/0/message/content").asText());
            assertTrue(line.path("error").isNull());
        }

        List<JsonNode> errors = download(ACME_KEY, outputFile(ACME_KEY, done, "error_file_id"));
        assertEquals(List.of("broken", "ok-1", "unknown-model", "wrong-url", "provider-fails"), customIds(errors));
        errors.forEach(BatchesTest::assertIsBatchRequestOutput);
        assertEquals(List.of("invalid_json", "duplicate_custom_id", "model_not_found", "invalid_url"),
                errors.subList(0, 4).stream().map(line -> line.at("/error/code").asText()).toList());
        errors.subList(0, 4).forEach(line -> assertTrue(line.path("response").isNull(), line.toString()));
        JsonNode providerFailure = errors.get(4);
        assertTrue(providerFailure.path("error").isNull(), providerFailure.toString());
        assertEquals(429, providerFailure.at("/response/status_code").asInt());
        assertEquals(jobs.get("provider-fails").jobId(), providerFailure.at("/response/request_id").asText());
        OpenAiSpec.assertConforms("ErrorResponse", providerFailure.at("/response/body"));
        assertEquals("rate_limit_exceeded", providerFailure.at("/response/body/error/code").asText());
    }

    @Test
    void requestCountsAreLiveWhileTheBatchRuns() throws Exception {
        String run = UUID.randomUUID().toString();
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY, line(run, "a", "gpt-4o-mini"),
                line(run, "b", "gpt-4o-mini"), line(run, "c", "gpt-4o-mini"))).path("id").asText();
        Map<String, JobRequested> jobs = requested(run, 3);

        complete(jobs.get("a"));
        assertCounts(awaitBatch(ACME_KEY, id, batch -> batch.at("/request_counts/completed").asInt() == 1), 3, 1, 0);
        fail(jobs.get("b"), "provider_timeout");
        JsonNode halfway = awaitBatch(ACME_KEY, id, batch -> batch.at("/request_counts/failed").asInt() == 1);
        assertEquals("in_progress", halfway.path("status").asText());
        assertCounts(halfway, 3, 1, 1);

        complete(jobs.get("c"));
        assertCounts(awaitBatch(ACME_KEY, id, batch -> "completed".equals(batch.path("status").asText())), 3, 2, 1);
    }

    @Test
    void cancelStopsSubmittingAndTheRequestsAlreadySubmittedStillFinish() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> customIds = IntStream.rangeClosed(1, 12).mapToObj(i -> "c-" + i).toList();
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY,
                customIds.stream().map(customId -> line(run, customId, "gpt-4o-mini")).toArray(String[]::new)))
                .path("id").asText();
        requested(run, 1); // two requests go out per step: the batch is now partly submitted

        JsonNode cancelling = cancel(ACME_KEY, id).then().statusCode(200).extract().as(JsonNode.class);
        OpenAiSpec.assertConforms("Batch", cancelling);
        assertEquals("cancelling", cancelling.path("status").asText());
        assertNotNull(cancelling.get("cancelling_at"));
        int submitted = 12 - cancelling.at("/request_counts/failed").asInt();
        assertTrue(submitted >= 1 && submitted < 12, "submitted before the cancel: " + submitted);

        Map<String, JobRequested> jobs = requested(run, submitted);
        jobs.values().forEach(BatchesTest::complete);
        JsonNode cancelled = awaitBatch(ACME_KEY, id, batch -> "cancelled".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", cancelled);
        assertNotNull(cancelled.get("cancelled_at"));
        assertCounts(cancelled, 12, submitted, 12 - submitted);

        List<JsonNode> output = download(ACME_KEY, outputFile(ACME_KEY, cancelled, "output_file_id"));
        assertEquals(Set.copyOf(jobs.keySet()), Set.copyOf(customIds(output)), "the submitted requests' results are kept");
        List<JsonNode> errors = download(ACME_KEY, outputFile(ACME_KEY, cancelled, "error_file_id"));
        assertEquals(12 - submitted, errors.size());
        for (JsonNode line : errors) {
            assertIsBatchRequestOutput(line);
            assertEquals("batch_cancelled", line.at("/error/code").asText());
            assertFalse(jobs.containsKey(line.path("custom_id").asText()), line.toString());
        }
        assertEquals(jobs.keySet(), requestedSoFar(run).keySet(), "no request of the batch went out after the cancel");

        cancel(ACME_KEY, id).then().statusCode(200).body("status", equalTo("cancelled"));
    }

    @Test
    void anotherTenantGets404ForTheBatchAndCannotUseTheFile() throws Exception {
        String run = UUID.randomUUID().toString();
        String file = uploadLines(ACME_KEY, line(run, "x", "gpt-unknown"));
        String id = createBatch(ACME_KEY, file).path("id").asText();

        assertOpenAiError(given().header("Authorization", bearer(GLOBEX_KEY)).when().get("/v1/batches/" + id), 404,
                "batch_not_found");
        assertOpenAiError(cancel(GLOBEX_KEY, id), 404, "batch_not_found");
        assertOpenAiError(post(GLOBEX_KEY, "/v1/batches", batchRequest(file, "/v1/chat/completions", "24h")), 404,
                "file_not_found");
        assertFalse(given().header("Authorization", bearer(GLOBEX_KEY)).queryParam("limit", 100).when()
                .get("/v1/batches").asString().contains(id), "another tenant's batches are not listed");

        awaitBatch(ACME_KEY, id, batch -> "completed".equals(batch.path("status").asText()));
        assertOpenAiError(cancel(ACME_KEY, id), 400, "batch_not_cancellable");
    }

    @Test
    void batchesAreListedNewestFirstWithACursor() throws Exception {
        String run = UUID.randomUUID().toString();
        String file = uploadLines(ACME_KEY, line(run, "x", "gpt-unknown"));
        String first = createBatch(ACME_KEY, file).path("id").asText();
        String second = createBatch(ACME_KEY, file).path("id").asText();

        JsonNode page = JSON.readTree(given().header("Authorization", bearer(ACME_KEY)).queryParam("limit", 1).when()
                .get("/v1/batches").then().statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("ListBatchesResponse", page);
        assertEquals(second, page.at("/data/0/id").asText());
        assertEquals(second, page.path("last_id").asText());
        assertTrue(page.path("has_more").asBoolean());

        JsonNode next = JSON.readTree(given().header("Authorization", bearer(ACME_KEY)).queryParam("limit", 1)
                .queryParam("after", second).when().get("/v1/batches").then().statusCode(200).extract().asString());
        assertEquals(first, next.at("/data/0/id").asText());

        awaitBatch(ACME_KEY, first, batch -> "completed".equals(batch.path("status").asText()));
        awaitBatch(ACME_KEY, second, batch -> "completed".equals(batch.path("status").asText()));
    }

    @Test
    void fileWithoutRequestsFailsTheBatch() throws Exception {
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY, "", "  ", "")).path("id").asText();

        JsonNode failed = awaitBatch(ACME_KEY, id, batch -> "failed".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", failed);
        assertEquals("empty_file", failed.at("/errors/data/0/code").asText());
        assertNotNull(failed.get("failed_at"));
    }

    @Test
    void onlyChatCompletionBatchesWithinADayOfAnUploadedFileAreAccepted() throws Exception {
        String file = uploadLines(ACME_KEY, line(UUID.randomUUID().toString(), "x", "gpt-unknown"));

        assertOpenAiError(post(ACME_KEY, "/v1/batches", batchRequest(file, "/v1/embeddings", "24h")), 400,
                "invalid_value");
        assertOpenAiError(post(ACME_KEY, "/v1/batches", batchRequest(file, "/v1/chat/completions", "1h")), 400,
                "invalid_value");
        assertOpenAiError(post(ACME_KEY, "/v1/batches", batchRequest("file-nope", "/v1/chat/completions", "24h")), 404,
                "file_not_found");
        assertOpenAiError(post(ACME_KEY, "/v1/batches", "{\"endpoint\":\"/v1/chat/completions\"}"), 400,
                "missing_required_parameter");
    }

    /** A batch input line asking gpt for an answer whose text names the run and the line. */
    private static String line(String run, String customId, String model) {
        return """
                {"custom_id":"%s","method":"POST","url":"/v1/chat/completions",\
                "body":{"model":"%s","messages":[{"role":"user","content":"%s/%s"}],"max_tokens":16}}"""
                .formatted(customId, model, run, customId);
    }

    private static String uploadLines(String key, String... lines) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", bearer(key))
                .multiPart("file", "batch.jsonl", content, "application/jsonl")
                .multiPart("purpose", "batch")
                .when().post("/v1/files").then().statusCode(200).extract().path("id");
    }

    private static String batchRequest(String fileId, String endpoint, String window) {
        return """
                {"input_file_id":"%s","endpoint":"%s","completion_window":"%s","metadata":{"suite":"batches"}}"""
                .formatted(fileId, endpoint, window);
    }

    private static JsonNode createBatch(String key, String fileId) throws Exception {
        Response response = post(key, "/v1/batches", batchRequest(fileId, "/v1/chat/completions", "24h"));
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode batch = JSON.readTree(response.asString());
        assertEquals("batches", batch.at("/metadata/suite").asText());
        return batch;
    }

    private static Response post(String key, String path, String body) {
        return given().header("Authorization", bearer(key)).contentType("application/json").body(body)
                .when().post(path);
    }

    private static Response cancel(String key, String id) {
        return given().header("Authorization", bearer(key)).when().post("/v1/batches/" + id + "/cancel");
    }

    private static JsonNode awaitBatch(String key, String id, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(JSON.readTree(given().header("Authorization", bearer(key)).when().get("/v1/batches/" + id)
                    .then().statusCode(200).extract().asString()));
            return condition.test(last.get());
        });
        return last.get();
    }

    private static String outputFile(String key, JsonNode batch, String field) throws Exception {
        String id = batch.path(field).asText(null);
        assertNotNull(id, field + " of " + batch);
        JsonNode file = JSON.readTree(given().header("Authorization", bearer(key)).when().get("/v1/files/" + id)
                .then().statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("OpenAIFile", file);
        assertEquals("batch_output", file.path("purpose").asText());
        return id;
    }

    private static List<JsonNode> download(String key, String fileId) throws Exception {
        String content = new String(given().header("Authorization", bearer(key)).when()
                .get("/v1/files/" + fileId + "/content").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : content.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> customIds(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("custom_id").asText()).toList();
    }

    private static void assertCounts(JsonNode batch, int total, int completed, int failed) {
        assertEquals(List.of(total, completed, failed), List.of(batch.at("/request_counts/total").asInt(),
                batch.at("/request_counts/completed").asInt(), batch.at("/request_counts/failed").asInt()),
                "request_counts (total, completed, failed) of " + batch);
    }

    private static void assertIsBatchRequestOutput(JsonNode line) {
        var violations = BATCH_REQUEST_OUTPUT.validate(line);
        assertTrue(violations.isEmpty(), "not a valid OpenAI BatchRequestOutput: " + violations + "\n" + line);
    }

    private static void assertOpenAiError(Response response, int status, String code) throws Exception {
        response.then().statusCode(status).body("error.code", equalTo(code));
        OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.asString()));
    }

    /** The jobs of the run's batch requests on the requests topic, by custom_id, once {@code count} are there. */
    private static Map<String, JobRequested> requested(String run, int count) {
        AtomicReference<Map<String, JobRequested>> found = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.set(requestedSoFar(run));
            return found.get().size() >= count;
        });
        return found.get();
    }

    /** Every job of the run's batch requests on the requests topic now, by custom_id: reads each partition to its end. */
    private static Map<String, JobRequested> requestedSoFar(String run) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, JobRequested> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            String topic = Topic.REQUESTS.topicName();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().contains(run)) {
                        JobRequested job = read(record.value());
                        found.put(job.request().messages().getFirst().content().substring(run.length() + 1), job);
                    }
                }
            }
        }
        return found;
    }

    private static JobRequested read(String value) {
        try {
            return EventJson.MAPPER.readValue(value, JobRequested.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void complete(JobRequested job) {
        String customId = job.request().messages().getFirst().content().replaceFirst("^[^/]+/", "");
        try {
            JsonNode completion = EventJson.MAPPER.readTree("""
                    {"id":"chatcmpl-%s","object":"chat.completion","created":1,"model":"sim-small",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"answer to %s","refusal":null},
                                 "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}"""
                    .formatted(job.jobId(), customId));
            publish(JobCompleted.succeeded(JobDispatched.of(job, "simulator", "sim-small", job.request(), Instant.now()),
                    completion, 7, Instant.now()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fail(JobRequested job, String code) {
        publish(JobCompleted.failed(job.jobId(), job.tenantId(), null, job.request(), "simulator", "sim-small",
                new JobError(code, "The provider failed (simulated)."), 5, Instant.now()));
    }

    private static void publish(JobCompleted result) {
        try {
            kafka.sendEvent(Topic.RESULTS.topicName(), result.jobId(), EventType.JOB_COMPLETED.type(),
                    UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(result));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
