package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestBatches.assertCounts;
import static io.switchboard.ingress.TestBatches.assertIsBatchRequestOutput;
import static io.switchboard.ingress.TestBatches.assertOpenAiError;
import static io.switchboard.ingress.TestBatches.awaitBatch;
import static io.switchboard.ingress.TestBatches.batchRequest;
import static io.switchboard.ingress.TestBatches.cancel;
import static io.switchboard.ingress.TestBatches.complete;
import static io.switchboard.ingress.TestBatches.createBatch;
import static io.switchboard.ingress.TestBatches.customIds;
import static io.switchboard.ingress.TestBatches.download;
import static io.switchboard.ingress.TestBatches.fail;
import static io.switchboard.ingress.TestBatches.line;
import static io.switchboard.ingress.TestBatches.outputFile;
import static io.switchboard.ingress.TestBatches.post;
import static io.switchboard.ingress.TestBatches.requested;
import static io.switchboard.ingress.TestBatches.requestedSoFar;
import static io.switchboard.ingress.TestBatches.uploadLines;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
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
        jobs.values().forEach(job -> assertEquals(Lane.BATCH, job.lane(), "and queues in the batch lane"));
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
        errors.forEach(TestBatches::assertIsBatchRequestOutput);
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
        jobs.values().forEach(TestBatches::complete);
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
}
