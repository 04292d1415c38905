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
 * A prompt carries a canary and a secret-looking key of its own; the tenant's key, the worker's provider key
 * (this run's own, see {@link Stack#providerKey}) and the admin key must not show up either. Only a tenant that
 * opted in to payload logging has its prompt logged, once, by the ingress, redacted.
 */
class LogsIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String LIMITS = "{\"requests_per_minute\":100,\"tokens_per_minute\":1000000,"
            + "\"max_concurrent_jobs\":10}";
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
        String tenant = stack.newTenant("logs", LIMITS);
        String key = stack.issueKey(tenant);
        String traceId = hex(16);

        Served served = serve(key, traceId, "Remember %s and my key %s".formatted(canary, secretInPrompt));

        List<String> secrets = new ArrayList<>(List.of(canary, secretInPrompt, key, stack.providerKey, stack.adminKey));
        // the simulator's answers are a few words at times: only one long enough to be this job's own is looked for
        if (served.completion().length() >= 24) {
            secrets.add(served.completion());
        }
        List<JsonNode> aboutTheJob = new ArrayList<>();
        for (ServiceProcess process : services()) {
            for (String line : Files.readAllLines(process.log())) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), process.name + " logged a prompt, completion or key: " + line);
                }
                if (entry(process, line).path("message").asText().contains(served.jobId())) {
                    aboutTheJob.add(entry(process, line));
                }
            }
        }

        assertFalse(aboutTheJob.isEmpty(), "no service logged job " + served.jobId());
        for (JsonNode entry : aboutTheJob) {
            assertEquals(traceId, entry.at("/mdc/traceId").asText(), "a line about the job outside its trace: " + entry);
            assertTrue(entry.at("/mdc/spanId").asText().matches("[0-9a-f]{16}"), "no span id: " + entry);
        }
    }

    @Test
    void anOptedInTenantsPromptIsLoggedOnceByTheIngressRedacted() throws Exception {
        // letters only: a run of digits in it could be redacted as a long number
        String canary = "canary-" + hex(16).replaceAll("[0-9]", "x");
        String secretInPrompt = "sk-proj-" + hex(24);
        String email = "jane-" + hex(4) + "@example.com";
        String key = stack.issueKey(stack.createTenant(stack.payloadTenant, LIMITS));

        Served served = serve(key, hex(16), "Remember %s, my key %s and mail %s".formatted(canary, secretInPrompt, email));

        List<JsonNode> withTheCanary = new ArrayList<>();
        for (ServiceProcess process : services()) {
            for (String line : Files.readAllLines(process.log())) {
                assertFalse(line.contains(secretInPrompt) || line.contains(email) || line.contains(key),
                        process.name + " logged what the rules redact: " + line);
                if (line.contains(canary)) {
                    assertTrue(process.name.startsWith("ingress"), process.name + " logged the prompt: " + line);
                    withTheCanary.add(entry(process, line));
                }
            }
        }
        assertEquals(1, withTheCanary.size(), "the prompt is logged once: " + withTheCanary);
        JsonNode logged = withTheCanary.getFirst();
        assertEquals("io.switchboard.ingress.payloads.PayloadLog", logged.path("loggerName").asText(), logged.toString());
        assertTrue(logged.path("message").asText().contains(served.jobId()), logged.toString());
        assertTrue(logged.path("message").asText().contains("[REDACTED:api_key]")
                && logged.path("message").asText().contains("[REDACTED:email]"), logged.toString());
    }

    private record Served(String jobId, String completion) {
    }

    /** One job through the whole system, in a sampled trace of this id, until the evaluator (the last) has scored it. */
    private static Served serve(String key, String traceId, String prompt) throws Exception {
        stack.traces.watch(traceId);
        Api.Reply accepted = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"%s"}]}""".formatted(prompt),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        assertEquals(202, accepted.status(), accepted.raw().body());
        String jobId = accepted.body().path("id").asText();
        JsonNode job = await().atMost(WAIT).until(() -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, key)
                .body(), body -> "succeeded".equals(body.path("status").asText()));
        // every service on the job's path has logged what it logs of the job once the evaluator's span is exported
        await().atMost(WAIT).until(() -> stack.traces.spansOf(traceId).stream().map(ReceivedSpan::service)
                .anyMatch("switchboard-evaluator"::equals));
        return new Served(jobId, job.at("/result/choices/0/message/content").asText());
    }

    /** Switchboard's processes; the simulator is the provider, which sees prompts by design and is not ours. */
    private static List<ServiceProcess> services() {
        List<ServiceProcess> services = stack.processes().stream().filter(p -> p != stack.simulator).toList();
        services.forEach(process -> assertTrue(process.log().toFile().length() > 0, process.name + " logged nothing"));
        return services;
    }

    /** The line as a log pipeline reads it: a JSON object with a level, a message and the service's name. */
    private static JsonNode entry(ServiceProcess process, String line) {
        try {
            JsonNode entry = JSON.readTree(line);
            if (entry != null && entry.isObject() && entry.hasNonNull("level") && entry.hasNonNull("message")) {
                String service = entry.path("service").asText();
                assertTrue(service.startsWith("switchboard-")
                        && process.name.startsWith(service.substring("switchboard-".length())),
                        process.name + " logged as another service: " + line);
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
