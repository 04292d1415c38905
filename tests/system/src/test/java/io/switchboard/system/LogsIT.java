package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.OtlpReceiver.ReceivedSpan;

/**
 * What the services log, read from the output of their processes as a log pipeline would read it: one JSON
 * object a line naming its service, the job's trace id on the lines about the job, and never a prompt or a key.
 * The prompt carries a canary and a secret-looking key of its own; the tenant's key, the worker's provider key
 * (this run's own, see {@link Stack#providerKey}) and the admin key must not show up either.
 */
class LogsIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void logsAreJsonLinesWithTheJobsTraceAndNeverItsPromptOrAKey() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String secretInPrompt = "sk-proj-" + hex(24);
        String traceId = hex(16);
        stack.traces.watch(traceId);
        String tenant = stack.newTenant("logs", "{\"requests_per_minute\":100,\"tokens_per_minute\":1000000,"
                + "\"max_concurrent_jobs\":10}");
        String key = stack.issueKey(tenant);

        Api.Reply accepted = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Remember %s and my key %s"}]}"""
                .formatted(canary, secretInPrompt), Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        assertEquals(202, accepted.status(), accepted.raw().body());
        String jobId = accepted.body().path("id").asText();
        JsonNode job = await().atMost(WAIT).until(() -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, key)
                .body(), body -> "succeeded".equals(body.path("status").asText()));
        String completion = job.at("/result/choices/0/message/content").asText();
        // the evaluator, the last on the job's path, has scored it once its span is exported: all have logged by then
        await().atMost(WAIT).until(() -> stack.traces.spansOf(traceId).stream().map(ReceivedSpan::service)
                .anyMatch("switchboard-evaluator"::equals));

        List<String> secrets = new ArrayList<>(List.of(canary, secretInPrompt, key, stack.providerKey, stack.adminKey));
        // the simulator's answers are a few words at times: only one long enough to be this job's own is looked for
        if (completion.length() >= 24) {
            secrets.add(completion);
        }
        List<JsonNode> aboutTheJob = new ArrayList<>();
        for (ServiceProcess process : stack.processes()) {
            if (process == stack.simulator) {
                continue; // the provider sees prompts by design; it is not ours to log
            }
            List<String> lines = Files.readAllLines(process.log());
            assertFalse(lines.isEmpty(), process.name + " logged nothing");
            for (String line : lines) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), process.name + " logged a prompt, completion or key: " + line);
                }
                JsonNode entry = parse(process, line);
                assertTrue(entry.path("service").asText().startsWith("switchboard-")
                        && process.name.startsWith(entry.path("service").asText().substring("switchboard-".length())),
                        process.name + " logged as another service: " + line);
                if (entry.path("message").asText().contains(jobId)) {
                    aboutTheJob.add(entry);
                }
            }
        }

        assertFalse(aboutTheJob.isEmpty(), "no service logged job " + jobId);
        for (JsonNode entry : aboutTheJob) {
            assertEquals(traceId, entry.at("/mdc/traceId").asText(), "a line about the job outside its trace: " + entry);
            assertTrue(entry.at("/mdc/spanId").asText().matches("[0-9a-f]{16}"), "no span id: " + entry);
        }
    }

    private static JsonNode parse(ServiceProcess process, String line) {
        try {
            JsonNode entry = JSON.readTree(line);
            if (entry != null && entry.isObject() && entry.hasNonNull("level") && entry.hasNonNull("message")) {
                return entry;
            }
        } catch (Exception notJson) {
            // reported below
        }
        return fail(process.name + " logged a line that is not a JSON log entry: " + line);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
