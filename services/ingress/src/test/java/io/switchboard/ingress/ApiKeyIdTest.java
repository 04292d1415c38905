package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestBatches.complete;
import static io.switchboard.ingress.TestBatches.createBatch;
import static io.switchboard.ingress.TestBatches.line;
import static io.switchboard.ingress.TestBatches.requested;
import static io.switchboard.ingress.TestBatches.uploadLines;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * Every way in stamps a job with the id of the key that submitted it (never the key), so that its usage can
 * be told apart by key: a chat completion, an async job, and each line of a batch (submitted later, in the
 * background, under the key that created the batch).
 */
@QuarkusTest
class ApiKeyIdTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    /** A key of its own issued to acme: its id, and the key. */
    private record Issued(String id, String key) {
    }

    @Test
    void aChatCompletionCarriesTheIdOfItsKey() throws Exception {
        Issued issued = issueKey();
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", bearer(issued.key())).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"chat/%s"}]}""".formatted(marker))
                .post("/v1/chat/completions"));

        ConsumerRecord<String, String> record = requestOf(marker);
        JobRequested job = EventJson.MAPPER.readValue(record.value(), JobRequested.class);
        complete(job);

        assertEquals(200, call.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(Lane.INTERACTIVE, job.lane());
        assertEquals(issued.id(), job.apiKeyId());
        assertFalse(record.value().contains(issued.key()), "the key itself never travels");
    }

    @Test
    void anAsyncJobCarriesTheIdOfItsKey() throws Exception {
        Issued issued = issueKey();
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", bearer(issued.key())).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"job/%s"}]}""".formatted(marker))
                .post("/v1/jobs").then().statusCode(202);

        ConsumerRecord<String, String> record = requestOf(marker);
        JobRequested job = EventJson.MAPPER.readValue(record.value(), JobRequested.class);
        assertEquals(Lane.STANDARD, job.lane());
        assertEquals(issued.id(), job.apiKeyId());
        assertFalse(record.value().contains(issued.key()), "the key itself never travels");
    }

    @Test
    void everyLineOfABatchCarriesTheIdOfTheKeyThatCreatedIt() throws Exception {
        Issued creator = issueKey();
        Issued uploader = issueKey();
        String run = UUID.randomUUID().toString();
        String file = uploadLines(uploader.key(), line(run, "a", "gpt-4o-mini"), line(run, "b", "gpt-4o-mini"));
        createBatch(creator.key(), file);

        var jobs = requested(run, 2);
        assertNotEquals(creator.id(), uploader.id());
        for (JobRequested job : jobs.values()) {
            assertEquals(Lane.BATCH, job.lane());
            assertEquals(creator.id(), job.apiKeyId(), "the batch's creator submits its lines");
        }
    }

    private static Issued issueKey() {
        JsonPath issued = given().header("Authorization", bearer(ADMIN_KEY))
                .post("/admin/v1/tenants/acme/keys").then().statusCode(201).extract().jsonPath();
        return new Issued(issued.getString("id"), issued.getString("key"));
    }

    private static ConsumerRecord<String, String> requestOf(String marker) {
        return kafka.await(Topic.REQUESTS.topicName(), r -> r.value().contains(marker), Duration.ofSeconds(30));
    }
}
