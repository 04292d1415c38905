package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.OpenAiSpec;

/**
 * One async job end to end through every service, each running as its own process against the real
 * Kafka broker, Redis and PostgreSQL: the steps 1 to 7 of the walking skeleton.
 */
class WalkingSkeletonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void asyncJobSucceedsIsBilledOnceIsScoredAndIsHiddenFromOtherTenants() throws Exception {
        // 1. accepted only once stored: 202 with a job id
        Api.Reply accepted = submit(stack.keyA, """
                {"model":"gpt-4o-mini","max_tokens":64,"temperature":0.3,"metadata":{"suite":"system"},
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name a prime number."}]}""");
        assertEquals(202, accepted.status(), accepted.raw().body());
        String jobId = accepted.body().path("id").asText();

        // 2-4. routed, served by the worker through the simulator, visible as an OpenAI chat.completion
        JsonNode job = awaitStatus(stack.keyA, jobId, "succeeded");
        JsonNode completion = job.path("result");
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", completion);
        assertEquals("chat.completion", completion.path("object").asText());
        assertEquals("fp_switchboard_simulator", completion.path("system_fingerprint").asText());
        assertEquals("assistant", completion.at("/choices/0/message/role").asText());
        int totalTokens = completion.at("/usage/total_tokens").asInt();
        assertTrue(totalTokens > 0);

        // tenants never see one another's jobs
        assertEquals(404, Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, stack.keyB).status());

        // 5. billed: the tenant's usage holds exactly this job's tokens, once (the other tests use other tenants)
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode usage = Api.get(stack.ingress.baseUrl() + "/v1/usage", stack.keyA).body();
            assertEquals(1, usage.path("data").size(), usage.toString());
            JsonNode row = usage.path("data").path(0);
            assertEquals("gpt-4o-mini", row.path("model").asText());
            assertEquals(totalTokens, row.path("total_tokens").asInt());
            assertEquals(completion.at("/usage/prompt_tokens").asInt(), row.path("prompt_tokens").asInt());
            assertEquals(1, row.path("requests").asInt());
        });

        // 6. scored by the evaluator and stored
        await().atMost(WAIT).untilAsserted(() -> {
            Api.Reply scores = Api.get(stack.evaluator.baseUrl() + "/internal/scores/" + jobId, null);
            assertEquals(200, scores.status());
            List<String> checks = new ArrayList<>();
            scores.body().path("data").forEach(score -> {
                checks.add(score.path("check").asText());
                assertTrue(score.path("passed").asBoolean(), score.toString());
            });
            assertTrue(checks.contains("non_empty_output"), checks.toString());
            assertTrue(checks.contains("within_length_limit"), checks.toString());
        });

        // the verdicts through the public API: the tenant's own, no other tenant's; the admin's over every tenant
        String verdicts = stack.ingress.baseUrl() + "/v1/evaluations?check=non_empty_output&limit=500";
        assertTrue(jobIdsIn(Api.get(verdicts, stack.keyA)).contains(jobId));
        assertFalse(jobIdsIn(Api.get(verdicts, stack.keyB)).contains(jobId), "another tenant's verdicts are hidden");
        assertTrue(jobIdsIn(Api.get(verdicts + "&tenant=" + stack.tenantA, stack.adminKey)).contains(jobId));
        JsonNode summary = Api.get(stack.ingress.baseUrl() + "/v1/evaluations/summary?check=non_empty_output",
                stack.keyA).body();
        assertTrue(summary.at("/data/0/measured").asInt() >= 1, summary.toString());
        assertEquals(stack.tenantA, summary.at("/data/0/tenant_id").asText());
    }

    private static List<String> jobIdsIn(Api.Reply page) {
        assertEquals(200, page.status(), page.raw().body());
        List<String> ids = new ArrayList<>();
        page.body().path("data").forEach(row -> ids.add(row.path("job_id").asText()));
        return ids;
    }

    @Test
    void secondJobOfASessionIsSentWithTheFirstExchangeInFront() throws Exception {
        String session = "conv-" + UUID.randomUUID();
        String first = submit(stack.keyC, """
                {"model":"gpt-4o-mini","session_id":"%s","messages":[{"role":"user","content":"My name is Ada."}]}"""
                .formatted(session)).body().path("id").asText();
        JsonNode firstJob = awaitStatus(stack.keyC, first, "succeeded");
        String firstReply = firstJob.at("/result/choices/0/message/content").asText();

        String second = submit(stack.keyC, """
                {"model":"gpt-4o-mini","session_id":"%s","messages":[{"role":"user","content":"What is my name?"}]}"""
                .formatted(session)).body().path("id").asText();
        awaitStatus(stack.keyC, second, "succeeded");

        // 7. what the provider received for the second job
        JsonNode sent = Api.get(stack.simulator.baseUrl() + "/_simulator/requests/" + second, null).body();
        JsonNode messages = sent.path("messages");
        assertEquals(3, messages.size(), messages.toString());
        assertEquals("user", messages.path(0).path("role").asText());
        assertEquals("My name is Ada.", messages.path(0).path("content").asText());
        assertEquals("assistant", messages.path(1).path("role").asText());
        assertEquals(firstReply, messages.path(1).path("content").asText());
        assertEquals("What is my name?", messages.path(2).path("content").asText());
        assertEquals("sim-small", sent.path("model").asText(), "the router sent the provider's model name");
    }

    @Test
    void sessionsOfDifferentTenantsDoNotMix() throws Exception {
        String session = "shared-" + UUID.randomUUID();
        String ofC = submit(stack.keyC, """
                {"model":"gpt-4o-mini","session_id":"%s","messages":[{"role":"user","content":"secret of C"}]}"""
                .formatted(session)).body().path("id").asText();
        awaitStatus(stack.keyC, ofC, "succeeded");

        String ofB = submit(stack.keyB, """
                {"model":"gpt-4o-mini","session_id":"%s","messages":[{"role":"user","content":"hello from B"}]}"""
                .formatted(session)).body().path("id").asText();
        awaitStatus(stack.keyB, ofB, "succeeded");

        JsonNode messages = Api.get(stack.simulator.baseUrl() + "/_simulator/requests/" + ofB, null).body()
                .path("messages");
        assertEquals(1, messages.size(), messages.toString());
    }

    @Test
    void badRequestsGetOpenAiErrorsFromTheRunningIngress() throws Exception {
        Api.Reply noKey = Api.post(stack.ingress.baseUrl() + "/v1/jobs", null, "{}");
        assertEquals(401, noKey.status());
        OpenAiSpec.assertConforms("ErrorResponse", noKey.body());
        assertEquals("invalid_api_key", noKey.body().at("/error/code").asText());

        Api.Reply unknownModel = submit(stack.keyC, """
                {"model":"gpt-unknown","messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(404, unknownModel.status());
        OpenAiSpec.assertConforms("ErrorResponse", unknownModel.body());
        assertEquals("model_not_found", unknownModel.body().at("/error/code").asText());

        Api.Reply malformed = submit(stack.keyC, "{\"model\":");
        assertEquals(400, malformed.status());
        OpenAiSpec.assertConforms("ErrorResponse", malformed.body());
        assertNotNull(malformed.body().at("/error/message").asText(null));
    }

    @Test
    void jobFailedByTheProviderIsReportedAsFailed() throws Exception {
        String jobId = submit(stack.keyC, """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"[simulate:500] please fail"}]}""")
                .body().path("id").asText();

        JsonNode job = awaitStatus(stack.keyC, jobId, "failed");
        assertEquals("provider_http_500", job.at("/error/code").asText());
    }

    private static Api.Reply submit(String key, String body) throws Exception {
        return Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, body);
    }

    private static JsonNode awaitStatus(String key, String jobId, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, key).body(),
                job -> job != null && status.equals(job.path("status").asText()));
    }
}
