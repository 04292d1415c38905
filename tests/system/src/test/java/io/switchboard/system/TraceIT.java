package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.OtlpReceiver.ReceivedSpan;

/**
 * One job is one trace across every service on its path: the caller sends a sampled W3C {@code traceparent}, as
 * a caller with its own tracing would, and each service, a process exporting OTLP to the stack's receiver,
 * continues that trace through HTTP and through the Kafka records' headers. Billing's usage consumer does not
 * trace (throughput, see its application.properties): billing is in the trace through the ingress's budget
 * reservation, an HTTP call.
 */
class TraceIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Set<String> ON_THE_PATH = Set.of("switchboard-ingress", "switchboard-router",
            "switchboard-context-store", "switchboard-worker", "switchboard-evaluator", "switchboard-billing");
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void oneJobIsOneTraceAcrossEveryServiceOnItsPath() throws Exception {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        String prompt = "Trace me, " + UUID.randomUUID();
        stack.traces.watch(traceId);
        // a tenant of its own: WalkingSkeletonIT counts the shared tenant A's usage as its one job's
        String tenant = stack.newTenant("trace", "{\"requests_per_minute\":100,\"tokens_per_minute\":1000000,"
                + "\"max_concurrent_jobs\":10}");
        String key = stack.issueKey(tenant);

        Api.Reply accepted = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"gpt-4o-mini","session_id":"trace-%s","messages":[{"role":"user","content":"%s"}]}"""
                .formatted(UUID.randomUUID(), prompt), Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
        assertEquals(202, accepted.status(), accepted.raw().body());
        String jobId = accepted.body().path("id").asText();
        JsonNode usage = await().atMost(WAIT).until(() -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId,
                key).body(), job -> "succeeded".equals(job.path("status").asText())).at("/result/usage");

        await().atMost(WAIT).untilAsserted(() -> assertTrue(services(stack.traces.spansOf(traceId)).containsAll(
                ON_THE_PATH), describe(stack.traces.spansOf(traceId))));
        List<ReceivedSpan> spans = stack.traces.spansOf(traceId);

        ReceivedSpan submission = spans.stream().filter(s -> "switchboard-ingress".equals(s.service())
                && "SERVER".equals(s.kind()) && callerSpanId.equals(s.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no ingress span under the caller's: " + describe(spans)));
        assertEquals("/v1/jobs", submission.attributes().get("url.path"), describe(spans));

        ReceivedSpan served = spans.stream().filter(s -> "worker serve".equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("the worker's job span is missing: " + describe(spans)));
        assertEquals(jobId, served.attributes().get("switchboard.job.id"));
        assertEquals(tenant, served.attributes().get("switchboard.tenant.id"));
        assertEquals("success", served.attributes().get("switchboard.provider.outcome"));
        assertTrue(served.attributes().containsKey("switchboard.provider"), served.toString());
        assertEquals(usage.path("prompt_tokens").asText(), served.attributes().get("gen_ai.usage.input_tokens"));
        assertEquals(usage.path("completion_tokens").asText(), served.attributes().get("gen_ai.usage.output_tokens"));
        // the result is published in the job's trace, under the dispatch record's consumer span or the job's own
        assertTrue(spans.stream().anyMatch(s -> "switchboard-worker".equals(s.service()) && "PRODUCER".equals(s.kind())
                && s.name().startsWith("switchboard.results.v1") && (served.spanId().equals(s.parentSpanId())
                        || served.parentSpanId().equals(s.parentSpanId()))), describe(spans));

        // the tenant is named, never its key; the prompt stays out of the spans
        for (ReceivedSpan span : spans) {
            span.attributes().values().forEach(value -> {
                assertFalse(value.contains(key), "a key in " + span);
                assertFalse(value.contains(prompt), "the prompt in " + span);
            });
        }
    }

    private static Set<String> services(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::service).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.service() + " " + s.kind() + " '" + s.name() + "' " + s.spanId() + "<-"
                + s.parentSpanId()).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
