package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestBatches.assertCounts;
import static io.switchboard.ingress.TestBatches.assertIsBatchRequestOutput;
import static io.switchboard.ingress.TestBatches.awaitBatch;
import static io.switchboard.ingress.TestBatches.complete;
import static io.switchboard.ingress.TestBatches.createBatch;
import static io.switchboard.ingress.TestBatches.customIds;
import static io.switchboard.ingress.TestBatches.download;
import static io.switchboard.ingress.TestBatches.line;
import static io.switchboard.ingress.TestBatches.outputFile;
import static io.switchboard.ingress.TestBatches.requested;
import static io.switchboard.ingress.TestBatches.requestedSoFar;
import static io.switchboard.ingress.TestBatches.uploadLines;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.testing.OpenAiSpec;

/**
 * A batch that cannot finish within its window ends expired. Nothing runs the jobs here but the test,
 * so a batch finishes only the requests the test completes; the window is shortened to seconds.
 */
@QuarkusTest
@TestProfile(BatchExpiryTest.ShortWindow.class)
class BatchExpiryTest {

    private static final int WINDOW_SECONDS = 12;

    /** Batches expire after seconds, and join the pipeline two requests per step, so that one expires half run. */
    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.ingress.batch.expires-after", WINDOW_SECONDS + "s",
                    "switchboard.ingress.batch.submit-per-step", "2");
        }
    }

    @Test
    void aBatchNotFinishedInTimeExpiresWithItsFinishedLinesKeptAndItsRunningJobsCancelled() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> lines = IntStream.rangeClosed(1, 30).mapToObj(i -> "e-" + i).toList();
        JsonNode created = createBatch(ACME_KEY, uploadLines(ACME_KEY,
                lines.stream().map(customId -> line(run, customId, "gpt-4o-mini")).toArray(String[]::new)));
        assertEquals("24h", created.path("completion_window").asText());
        assertEquals(created.path("created_at").asLong() + WINDOW_SECONDS, created.path("expires_at").asLong());
        String id = created.path("id").asText();

        JobRequested finished = requested(run, 1).values().iterator().next();
        complete(finished);
        awaitBatch(ACME_KEY, id, batch -> batch.at("/request_counts/completed").asInt() == 1);

        JsonNode expired = awaitBatch(ACME_KEY, id, batch -> "expired".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", expired);
        assertNotNull(expired.get("expired_at"));
        assertCounts(expired, 30, 1, 29);

        String finishedLine = finished.request().messages().getFirst().content().substring(run.length() + 1);
        List<JsonNode> output = download(ACME_KEY, outputFile(ACME_KEY, expired, "output_file_id"));
        assertEquals(List.of(finishedLine), customIds(output));
        List<JsonNode> errors = download(ACME_KEY, outputFile(ACME_KEY, expired, "error_file_id"));
        assertEquals(lines.stream().filter(line -> !line.equals(finishedLine)).toList(), customIds(errors));
        for (JsonNode line : errors) {
            assertIsBatchRequestOutput(line);
            assertTrue(line.path("response").isNull(), line.toString());
            assertEquals("batch_expired", line.at("/error/code").asText());
        }

        Map<String, JobRequested> submitted = requestedSoFar(run);
        assertTrue(submitted.size() > 1 && submitted.size() < 30, "submitted before the window ended: " + submitted.size());
        submitted.forEach((line, job) -> given().header("Authorization", bearer(ACME_KEY))
                .get("/v1/jobs/" + job.jobId()).then().statusCode(200)
                .body("status", equalTo(line.equals(finishedLine) ? "succeeded" : "cancelled")));
    }
}
