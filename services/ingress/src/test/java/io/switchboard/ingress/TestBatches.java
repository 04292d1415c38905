package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.restassured.response.Response;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.OpenAiSpec;

/**
 * Files and batches through the public API, for the batch tests. There is no router or worker in these
 * tests: they play them, reading each batch request's job from the requests topic and publishing its result.
 */
public final class TestBatches {

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

    private TestBatches() {
    }

    /** A batch input line asking gpt for an answer whose text names the run and the line. */
    public static String line(String run, String customId, String model) {
        return """
                {"custom_id":"%s","method":"POST","url":"/v1/chat/completions",\
                "body":{"model":"%s","messages":[{"role":"user","content":"%s/%s"}],"max_tokens":16}}"""
                .formatted(customId, model, run, customId);
    }

    public static String uploadLines(String key, String... lines) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", bearer(key))
                .multiPart("file", "batch.jsonl", content, "application/jsonl")
                .multiPart("purpose", "batch")
                .when().post("/v1/files").then().statusCode(200).extract().path("id");
    }

    public static String batchRequest(String fileId, String endpoint, String window) {
        return """
                {"input_file_id":"%s","endpoint":"%s","completion_window":"%s","metadata":{"suite":"batches"}}"""
                .formatted(fileId, endpoint, window);
    }

    public static JsonNode createBatch(String key, String fileId) throws Exception {
        Response response = post(key, "/v1/batches", batchRequest(fileId, "/v1/chat/completions", "24h"));
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode batch = JSON.readTree(response.asString());
        assertEquals("batches", batch.at("/metadata/suite").asText());
        return batch;
    }

    public static Response post(String key, String path, String body) {
        return given().header("Authorization", bearer(key)).contentType("application/json").body(body)
                .when().post(path);
    }

    public static Response cancel(String key, String id) {
        return given().header("Authorization", bearer(key)).when().post("/v1/batches/" + id + "/cancel");
    }

    public static JsonNode awaitBatch(String key, String id, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(JSON.readTree(given().header("Authorization", bearer(key)).when().get("/v1/batches/" + id)
                    .then().statusCode(200).extract().asString()));
            return condition.test(last.get());
        });
        return last.get();
    }

    public static String outputFile(String key, JsonNode batch, String field) throws Exception {
        String id = batch.path(field).asText(null);
        assertNotNull(id, field + " of " + batch);
        JsonNode file = JSON.readTree(given().header("Authorization", bearer(key)).when().get("/v1/files/" + id)
                .then().statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("OpenAIFile", file);
        assertEquals("batch_output", file.path("purpose").asText());
        return id;
    }

    public static List<JsonNode> download(String key, String fileId) throws Exception {
        String content = new String(given().header("Authorization", bearer(key)).when()
                .get("/v1/files/" + fileId + "/content").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : content.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    public static List<String> customIds(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("custom_id").asText()).toList();
    }

    public static void assertCounts(JsonNode batch, int total, int completed, int failed) {
        assertEquals(List.of(total, completed, failed), List.of(batch.at("/request_counts/total").asInt(),
                batch.at("/request_counts/completed").asInt(), batch.at("/request_counts/failed").asInt()),
                "request_counts (total, completed, failed) of " + batch);
    }

    public static void assertIsBatchRequestOutput(JsonNode line) {
        var violations = BATCH_REQUEST_OUTPUT.validate(line);
        assertTrue(violations.isEmpty(), "not a valid OpenAI BatchRequestOutput: " + violations + "\n" + line);
    }

    public static void assertOpenAiError(Response response, int status, String code) throws Exception {
        response.then().statusCode(status).body("error.code", equalTo(code));
        OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.asString()));
    }

    /** The jobs of the run's batch requests on the requests topic, by custom_id, once {@code count} are there. */
    public static Map<String, JobRequested> requested(String run, int count) {
        AtomicReference<Map<String, JobRequested>> found = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.set(requestedSoFar(run));
            return found.get().size() >= count;
        });
        return found.get();
    }

    /** Every job of the run's batch requests on the requests topic now, by custom_id: reads each partition to its end. */
    public static Map<String, JobRequested> requestedSoFar(String run) {
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

    public static void complete(JobRequested job) {
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

    public static void fail(JobRequested job, String code) {
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
