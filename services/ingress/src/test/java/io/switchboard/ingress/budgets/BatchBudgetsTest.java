package io.switchboard.ingress.budgets;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestBatches.assertCounts;
import static io.switchboard.ingress.TestBatches.assertIsBatchRequestOutput;
import static io.switchboard.ingress.TestBatches.awaitBatch;
import static io.switchboard.ingress.TestBatches.cancel;
import static io.switchboard.ingress.TestBatches.createBatch;
import static io.switchboard.ingress.TestBatches.customIds;
import static io.switchboard.ingress.TestBatches.download;
import static io.switchboard.ingress.TestBatches.outputFile;
import static io.switchboard.ingress.TestBatches.requested;
import static io.switchboard.ingress.TestBatches.requestedSoFar;
import static io.switchboard.ingress.TestBatches.uploadLines;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.ingress.TestBatches;
import io.switchboard.testing.OpenAiSpec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Hard budgets on the lines of a batch, against the billing stub ({@link BillingBudgetsStub}: a reservation is refused
 * or failed by its {@code max_completion_tokens}) and the real broker and database; the test plays router and worker
 * as {@link TestBatches} does. Each line reserves its worst case, at the batch price, before its job is written: a
 * line a budget refuses fails for good with the 429 {@code insufficient_quota} in the error file, the others run;
 * billing unreachable leaves lines pending until it answers; a cancelled batch leaves no reservation behind, even one
 * a replica that died holding a line may have made.
 */
@QuarkusTest
@WithTestResource(BillingBudgetsStub.class)
@TestProfile(BatchBudgetsTest.TwoRequestsPerStep.class)
class BatchBudgetsTest {

    /** Submission throttled to two lines per step, so that a batch can be caught half submitted. */
    public static class TwoRequestsPerStep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.ingress.batch.submit-per-step", "2");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.rest-client.budgets.url")
    String stub;

    @Inject
    Pool pool;

    @Test
    void linesABudgetRefusesFailWithInsufficientQuotaInTheErrorFileAndTheLinesThatFitRun() throws Exception {
        String run = UUID.randomUUID().toString();
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY,
                line(run, "fits-1", 16),
                line(run, "too-dear-1", BillingBudgetsStub.REFUSE),
                line(run, "fits-2", 16),
                line(run, "too-dear-2", BillingBudgetsStub.REFUSE),
                line(run, "fits-3", 16))).path("id").asText();

        Map<String, JobRequested> jobs = requested(run, 3);
        JsonNode refused = awaitBatch(ACME_KEY, id, batch -> batch.at("/request_counts/failed").asInt() == 2);
        assertEquals("in_progress", refused.path("status").asText(), "the lines that fit are still running");
        assertCounts(refused, 5, 0, 2);
        jobs.values().forEach(TestBatches::complete);

        JsonNode done = awaitBatch(ACME_KEY, id, batch -> "completed".equals(batch.path("status").asText()));
        OpenAiSpec.assertConforms("Batch", done);
        assertCounts(done, 5, 3, 2);
        assertEquals(Set.of("fits-1", "fits-2", "fits-3"), requestedSoFar(run).keySet(),
                "a refused line's job is never written to Kafka");
        assertEquals(List.of("fits-1", "fits-2", "fits-3"),
                customIds(download(ACME_KEY, outputFile(ACME_KEY, done, "output_file_id"))));

        List<JsonNode> errors = download(ACME_KEY, outputFile(ACME_KEY, done, "error_file_id"));
        assertEquals(List.of("too-dear-1", "too-dear-2"), customIds(errors));
        Set<String> refusedJobs = reservationsOf(BillingBudgetsStub.REFUSE);
        for (JsonNode line : errors) {
            assertIsBatchRequestOutput(line);
            assertTrue(line.path("error").isNull(), line.toString());
            assertEquals(429, line.at("/response/status_code").asInt(), line.toString());
            assertTrue(refusedJobs.contains(line.at("/response/request_id").asText()),
                    "the request id is the job the line would have run as: " + line);
            OpenAiSpec.assertConforms("ErrorResponse", line.at("/response/body"));
            assertEquals("insufficient_quota", line.at("/response/body/error/type").asText());
            assertEquals("insufficient_quota", line.at("/response/body/error/code").asText());
        }
        assertEquals(2, refusedJobs.size(), "each refused line asked once, and was not retried: " + refusedJobs);

        for (JobRequested job : jobs.values()) {
            JsonNode ask = reservationOf(job.jobId());
            assertTrue(ask.path("batch").asBoolean(), "priced at the batch price: " + ask);
            assertEquals(16, ask.path("max_completion_tokens").asInt());
        }
    }

    @Test
    void billingUnreachableLeavesLinesPendingAndTheyAreSubmittedOnceItAnswers() throws Exception {
        outage("on");
        try {
            String run = UUID.randomUUID().toString();
            String id = createBatch(ACME_KEY, uploadLines(ACME_KEY,
                    line(run, "a", BillingBudgetsStub.DOWN_WHILE_OUTAGE),
                    line(run, "b", BillingBudgetsStub.DOWN_WHILE_OUTAGE),
                    line(run, "c", BillingBudgetsStub.DOWN_WHILE_OUTAGE))).path("id").asText();
            // several steps ask billing and fail closed: every line stays open, none failed, none on Kafka
            await().atMost(Duration.ofSeconds(30)).until(() -> asks(BillingBudgetsStub.DOWN_WHILE_OUTAGE) >= 4);
            JsonNode waiting = awaitBatch(ACME_KEY, id, batch -> true);
            assertEquals("in_progress", waiting.path("status").asText());
            assertCounts(waiting, 3, 0, 0);
            assertTrue(requestedSoFar(run).isEmpty(), "nothing was submitted while billing failed");

            outage("off");
            Map<String, JobRequested> jobs = requested(run, 3);
            jobs.values().forEach(TestBatches::complete);
            JsonNode done = awaitBatch(ACME_KEY, id, batch -> "completed".equals(batch.path("status").asText()));
            assertCounts(done, 3, 3, 0);
            assertFalse(done.hasNonNull("error_file_id"), "no line failed, so no error file: " + done);
        } finally {
            outage("off");
        }
    }

    @Test
    void aCancelledBatchLeavesNoReservationBehind() throws Exception {
        int marker = 31; // the max_tokens of this test's lines, to find their reservations among the others
        String run = UUID.randomUUID().toString();
        List<String> lines = IntStream.rangeClosed(1, 12).mapToObj(i -> line(run, "c-" + i, marker)).toList();
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY, lines.toArray(String[]::new))).path("id").asText();
        requested(run, 1); // two lines go out per step: the batch is now partly submitted

        JsonNode cancelling = cancel(ACME_KEY, id).then().statusCode(200).extract().as(JsonNode.class);
        int submitted = 12 - cancelling.at("/request_counts/failed").asInt();
        assertTrue(submitted >= 1 && submitted < 12, "submitted before the cancel: " + submitted);
        List<JobRequested> jobs = new ArrayList<>(requested(run, submitted).values());
        Set<String> jobIds = jobs.stream().map(JobRequested::jobId).collect(Collectors.toSet());
        assertEquals(jobIds, reservationsOf(marker),
                "only the submitted lines reserved: a line cancelled before submission holds nothing");

        // the submitted jobs still run: one cancelled by its tenant, the others failed; each gives its reservation back
        JobRequested first = jobs.removeFirst();
        given().header("Authorization", bearer(ACME_KEY)).post("/v1/jobs/" + first.jobId() + "/cancel").then()
                .statusCode(200).body("status", equalTo("cancelled"));
        jobs.forEach(job -> TestBatches.fail(job, "provider_server_error"));

        JsonNode cancelled = awaitBatch(ACME_KEY, id, batch -> "cancelled".equals(batch.path("status").asText()));
        assertCounts(cancelled, 12, 0, 12);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(jobIds, released(jobIds),
                "every reservation of the batch's lines was released"));
    }

    /**
     * A replica that claimed a line may have reserved its worst case (or written its job) and died before marking it:
     * once its lease runs out, the cancelled batch closes the line and gives that reservation back, rather than leave
     * it to billing's sweeper.
     */
    @Test
    void aLineWhoseSubmitterDiedGivesItsReservationBackWhenItsBatchIsCancelled() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> lines = IntStream.rangeClosed(1, 12).mapToObj(i -> line(run, "d-" + i, 32)).toList();
        String id = createBatch(ACME_KEY, uploadLines(ACME_KEY, lines.toArray(String[]::new))).path("id").asText();
        requested(run, 1);
        // a replica claims the last line (lines are claimed first to last: no other replica is at it) and dies
        String orphan = pool.preparedQuery("""
                UPDATE batch_requests SET status = 'submitting', lease_until = now() + interval '1 hour'
                WHERE id = (SELECT id FROM batch_requests WHERE batch_id = $1 AND status = 'pending'
                            ORDER BY line_no DESC LIMIT 1) AND status = 'pending'
                RETURNING job_id, custom_id""").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("job_id");

        JsonNode cancelling = cancel(ACME_KEY, id).then().statusCode(200).body("status", equalTo("cancelling"))
                .extract().as(JsonNode.class);
        int submitted = 12 - cancelling.at("/request_counts/failed").asInt() - 1; // less the orphan
        assertTrue(released(Set.of(orphan)).isEmpty(), "a line still leased is its submitter's: " + orphan);
        pool.preparedQuery("UPDATE batch_requests SET lease_until = now() - interval '1 second' WHERE job_id = $1")
                .execute(Tuple.of(orphan)).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(Set.of(orphan),
                released(Set.of(orphan)), "the dead submitter's reservation was released"));

        requested(run, submitted).values().forEach(TestBatches::complete);
        JsonNode cancelled = awaitBatch(ACME_KEY, id, batch -> "cancelled".equals(batch.path("status").asText()));
        assertCounts(cancelled, 12, submitted, 12 - submitted);
        assertEquals(submitted, requestedSoFar(run).size(), "the orphan's job was never written");
        List<JsonNode> errors = download(ACME_KEY, outputFile(ACME_KEY, cancelled, "error_file_id"));
        assertTrue(errors.stream().anyMatch(line -> "d-12".equals(line.path("custom_id").asText())
                && "batch_cancelled".equals(line.at("/error/code").asText())), "the orphaned line: " + errors);
    }

    private static String line(String run, String customId, int maxTokens) {
        return """
                {"custom_id":"%s","method":"POST","url":"/v1/chat/completions",\
                "body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"%s/%s"}],"max_tokens":%d}}"""
                .formatted(customId, run, customId, maxTokens);
    }

    private void outage(String state) {
        given().body(state).post(stub + BillingBudgetsStub.OUTAGE).then().statusCode(200);
    }

    private List<JsonNode> calls() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(given().get(stub + BillingBudgetsStub.CALLS).then().statusCode(200).extract().asString())
                .forEach(calls::add);
        return calls;
    }

    private long asks(int maxCompletionTokens) throws Exception {
        return calls().stream().filter(call -> call.path("body").path("max_completion_tokens").asInt()
                == maxCompletionTokens).count();
    }

    /** The jobs that asked for a reservation with this completion cap. */
    private Set<String> reservationsOf(int maxCompletionTokens) throws Exception {
        return calls().stream().map(call -> call.path("body"))
                .filter(body -> body.path("max_completion_tokens").asInt() == maxCompletionTokens)
                .map(body -> body.path("job_id").asText()).collect(Collectors.toSet());
    }

    private JsonNode reservationOf(String jobId) throws Exception {
        return calls().stream().map(call -> call.path("body"))
                .filter(body -> jobId.equals(body.path("job_id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no reservation for " + jobId));
    }

    private Set<String> released(Set<String> jobIds) throws Exception {
        Set<String> released = new HashSet<>();
        for (JsonNode call : calls()) {
            String path = call.path("path").asText();
            String job = path.substring(path.lastIndexOf('/') + 1);
            if ("DELETE".equals(call.path("method").asText()) && jobIds.contains(job)) {
                released.add(job);
            }
        }
        return released;
    }
}
