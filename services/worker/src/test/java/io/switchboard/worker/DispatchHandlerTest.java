package io.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.CancellationMarks;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.events.RoutingAttempt;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
@QuarkusTestResource(SimulatedProvider.class)
class DispatchHandlerTest {

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void dispatchedJobIsMarkedRunningThenAnsweredWithItsUsageAndResult() throws Exception {
        JobDispatched job = dispatch("Say hello");

        JobStatusChanged running = EventJson.MAPPER.readValue(kafka.await(Topic.JOB_STATUS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobStatusChanged.class);
        assertEquals(JobStatus.RUNNING, running.status());

        ConsumerRecord<String, String> usageRecord = kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(job.jobId()), WAIT);
        TokensUsed usage = EventJson.MAPPER.readValue(usageRecord.value(), TokensUsed.class);
        assertEquals("acme", usageRecord.key(), "usage is keyed by tenant");
        assertEquals(TokensUsed.eventIdFor(job.jobId()), KafkaProbe.header(usageRecord, "ce_id").orElseThrow());
        assertTrue(usage.promptTokens() > 0);
        assertTrue(usage.completionTokens() > 0);
        assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
        assertEquals("gpt-4o-mini", usage.model());
        assertEquals("simulator", usage.provider());
        assertEquals("sim-small", usage.providerModel());

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.SUCCEEDED, result.status());
        assertEquals("chat.completion", result.completion().path("object").asText());
        assertEquals("fp_switchboard_simulator", result.completion().path("system_fingerprint").asText());
        assertTrue(result.assistantContent().contains("Say hello"));
    }

    @Test
    void aBatchLinesUsageSaysBatchAndCarriesTheIdOfItsKeyAndTheCountsTheClientIsShown() throws Exception {
        String jobId = newJobId();
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user",
                "a batch line [simulate:usage-details]")), 40, 0.0, null, null);
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, "simulator", "sim-small", request, Instant.now(),
                null, Priority.LOW, Lane.BATCH, null, null, "key_7f3a");
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));

        TokensUsed usage = EventJson.MAPPER.readValue(kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(jobId), WAIT).value(), TokensUsed.class);
        assertTrue(usage.inBatch(), "the batch discount applies");
        assertEquals("key_7f3a", usage.apiKeyId());
        JsonNode shown = resultOf(jobId).completion().path("usage");
        assertTrue(usage.cachedTokens() > 0, usage.toString());
        assertEquals(shown.at("/prompt_tokens_details/cached_tokens").asInt(), usage.cachedTokens());
        assertEquals(shown.at("/completion_tokens_details/reasoning_tokens").asInt(), usage.reasoningTokens());
        assertEquals(shown.path("prompt_tokens").asInt(), usage.promptTokens());
        assertEquals(shown.path("completion_tokens").asInt(), usage.completionTokens());
        assertEquals(0, usage.cacheWriteTokens());
    }

    @Test
    void rateLimitedCallIsRetriedAndTheJobSucceeds() throws Exception {
        JobDispatched job = dispatch("[simulate:429x2] please");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.SUCCEEDED, result.status());
    }

    @Test
    void providerThatKeepsFailingFailsTheJobWithTheProvidersError() throws Exception {
        JobDispatched job = dispatch("[simulate:500] always");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("provider_http_500", result.error().code());
    }

    @Test
    void providerTimeoutIsRetriedThenFailsTheJob() throws Exception {
        JobDispatched job = dispatch("[simulate:timeout]");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals("provider_timeout", result.error().code());
    }

    @Test
    void aJobCancelledByItsTenantIsCompletedAsCancelledWithoutCallingTheProvider() throws Exception {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        redis.value(String.class).setex(CancellationMarks.keyOf(jobId), 60, "acme");
        dispatch(jobId, "never sent");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(jobId), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("cancelled", result.error().code());
        String simulator = ConfigProvider.getConfig().getValue("switchboard.worker.base-url", String.class)
                .replace("/v1", "");
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator + "/_simulator/requests/" + jobId)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the provider was never called");
    }

    @Test
    void aRedeliveredJobWhoseResultIsOutIsNotServedAgain() throws Exception {
        JobDispatched job = dispatch("answer me once");
        kafka.await(Topic.RESULTS.topicName(), r -> r.value().contains(job.jobId()), WAIT);
        double skipped = skippedRedeliveries();

        // the same dispatch again, as after a worker crash before its offset commit
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), job.jobId(), EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));

        await().atMost(WAIT).until(() -> skippedRedeliveries() == skipped + 1);
        assertEquals("succeeded", redis.value(String.class).get("sb:job-finished:" + job.jobId()));
    }

    @Test
    void everyProviderCallIsTimedByTargetAndOutcomeAndEveryFinishedJobCountedByProvider() throws Exception {
        double succeeded = calls("success");
        double serverErrors = calls("server_error");
        double failedJobs = finishedJobs("failed");

        resultOf(dispatch("time me").jobId());
        JobCompleted failed = resultOf(dispatch("[simulate:500] always").jobId());

        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(succeeded + 1, calls("success"), "the successful call");
        assertTrue(calls("server_error") > serverErrors, "the failing calls, each attempt");
        assertEquals(failedJobs + 1, finishedJobs("failed"));
    }

    /** Calls to the simulator's sim-small with this outcome, as the provider-call timer counts them. */
    private double calls(String outcome) {
        var timer = metrics.find("switchboard.worker.provider.calls")
                .tags("provider", "simulator", "target", "simulator/sim-small", "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double finishedJobs(String status) {
        var counter = metrics.find("switchboard.worker.jobs").tags("provider", "simulator", "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private double skippedRedeliveries() {
        var counter = metrics.find("switchboard.worker.redeliveries.skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void poisonDispatchGoesToTheDeadLetterTopicAndTheNextJobIsServed() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String topic = Topic.dispatchTopicName("simulator");
        kafka.sendEvent(topic, poisonKey, EventType.JOB_DISPATCHED.type(), UUID.randomUUID().toString(), "[1,2,3]");
        JobDispatched next = dispatch("after the poison");

        ConsumerRecord<String, String> dead = kafka.await(topic + ".dlq", r -> poisonKey.equals(r.key()), WAIT);
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").orElseThrow().contains("JobDispatched"));
        kafka.await(Topic.RESULTS.topicName(), r -> r.value().contains(next.jobId()), WAIT);
    }

    @Test
    void aStreamedJobRelaysEveryChunkInOrderThenRecordsTheSameAnswerAsItsResult() throws Exception {
        JobDispatched job = dispatch(newJobId(), "Tell me a short story", true);

        List<CompletionChunk> stream = chunksOf(job.jobId());
        CompletionChunk end = stream.getLast();
        assertTrue(end.endsStream());
        assertNull(end.error(), "the provider finished its answer");
        assertEquals(1, stream.stream().map(CompletionChunk::streamId).distinct().count(), "one provider call");
        for (int i = 0; i < stream.size(); i++) {
            assertEquals(i, stream.get(i).seq(), "seq counts without gaps");
        }
        StringBuilder relayed = new StringBuilder();
        for (CompletionChunk chunk : stream.subList(0, stream.size() - 1)) {
            assertEquals("chat.completion.chunk", chunk.chunk().path("object").asText());
            chunk.chunk().path("choices").forEach(choice -> relayed.append(choice.at("/delta/content").asText("")));
        }
        assertTrue(stream.get(stream.size() - 2).chunk().path("usage").isObject(),
                "usage was asked of the provider, for billing");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.SUCCEEDED, result.status());
        assertEquals("chat.completion", result.completion().path("object").asText());
        assertEquals(relayed.toString(), result.assistantContent());
        assertEquals("stop", result.completion().at("/choices/0/finish_reason").asText());
        TokensUsed usage = EventJson.MAPPER.readValue(kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), TokensUsed.class);
        assertEquals(result.completion().at("/usage/total_tokens").asInt(), usage.totalTokens());
        assertTrue(usage.completionTokens() > 0);
    }

    @Test
    void aStreamThatBreaksOffAfterItsFirstChunksFailsTheJobWithoutRetrying() throws Exception {
        JobDispatched job = dispatch(newJobId(), "one two three four five six seven [simulate:cut-stream]", true);

        List<CompletionChunk> stream = chunksOf(job.jobId());
        assertTrue(stream.size() > 1, "some chunks were relayed before the break");
        assertEquals("provider_stream_interrupted", stream.getLast().error().code());
        assertEquals(1, stream.stream().map(CompletionChunk::streamId).distinct().count(),
                "not retried: the caller has already seen part of the answer");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("provider_stream_interrupted", result.error().code());
    }

    @Test
    void aStreamedJobRateLimitedBeforeItsFirstChunkIsRetriedAsOneStream() throws Exception {
        JobDispatched job = dispatch(newJobId(), "[simulate:429x1] stream after a retry", true);

        List<CompletionChunk> stream = chunksOf(job.jobId());
        assertNull(stream.getLast().error());
        assertEquals(1, stream.stream().map(CompletionChunk::streamId).distinct().count());
        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.SUCCEEDED, result.status());
    }

    @Test
    void aFailureItsRouteFallsBackOnSendsTheJobToTheNextTargetAndTheResultExplainsBoth() throws Exception {
        // the simulator fails the first four calls for this job: every retry at the primary target
        JobDispatched job = dispatchRouted(newJobId(), "[simulate:500x4] fall back please");

        ConsumerRecord<String, String> moved = kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()) && r.value().contains("\"attempts\":[{"), WAIT);
        JobDispatched fallback = EventJson.MAPPER.readValue(moved.value(), JobDispatched.class);
        assertEquals("backup", fallback.routing().target().name());
        assertEquals("sim-large", fallback.providerModel());
        RoutingAttempt first = fallback.routing().attempts().getFirst();
        assertEquals("primary", first.target());
        assertEquals(ErrorClass.SERVER_ERROR, first.errorClass());
        assertEquals("provider_http_500", first.errorCode());

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.SUCCEEDED, result.status());
        assertEquals("sim-large", result.providerModel());
        assertEquals(List.of("primary", "primary", "primary", "primary", "backup"),
                result.routing().attempts().stream().map(RoutingAttempt::target).toList(),
                "every call recorded: three retries at the primary, then the fallback");
        assertEquals(List.of("failed", "failed", "failed", "failed", "succeeded"),
                result.routing().attempts().stream().map(RoutingAttempt::outcome).toList());
        TokensUsed usage = EventJson.MAPPER.readValue(kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), TokensUsed.class);
        assertEquals("backup", usage.target());
        assertEquals("canary", usage.variant());
    }

    /** Each class of failure falls back to the target the route names for it; the directive fails every call at the primary. */
    @ParameterizedTest
    @CsvSource({
            "[simulate:timeoutx4], TIMEOUT, on-timeout",
            "[simulate:500x4], SERVER_ERROR, on-server-error",
            "[simulate:429x4], RATE_LIMITED, on-rate-limited",
            "[simulate:context-lengthx1], CONTEXT_LENGTH, on-context-length",
            "[simulate:content-filterx1], CONTENT_FILTER, on-content-filter" })
    void eachClassOfFailureFallsBackToTheTargetTheRouteNamesForIt(String directive, ErrorClass failure, String backup)
            throws Exception {
        Map<ErrorClass, List<RouteTarget>> fallbacks = new java.util.EnumMap<>(ErrorClass.class);
        for (ErrorClass each : List.of(ErrorClass.TIMEOUT, ErrorClass.SERVER_ERROR, ErrorClass.RATE_LIMITED,
                ErrorClass.CONTEXT_LENGTH, ErrorClass.CONTENT_FILTER)) {
            String name = "on-" + each.wireName().replace('_', '-');
            fallbacks.put(each, List.of(new RouteTarget(name, "simulator", "sim-" + name, null)));
        }
        Routing routing = new Routing("gpt-4o", 3, null, null, new RouteTarget("primary", "simulator", "sim-small", null),
                fallbacks, List.of());
        String jobId = newJobId();
        ChatRequest request = new ChatRequest("gpt-4o", List.of(ChatMessage.of("user", directive + " please")), 40, 0.0,
                null, null);
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, "simulator", "sim-small", request, Instant.now(),
                routing);
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));

        JobCompleted result = resultOf(jobId);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        assertEquals("sim-" + backup, result.providerModel());
        List<RoutingAttempt> calls = result.routing().attempts();
        assertEquals(backup, calls.getLast().target());
        assertTrue(calls.subList(0, calls.size() - 1).stream()
                .allMatch(call -> call.target().equals("primary") && call.errorClass() == failure), calls::toString);
    }

    @Test
    void aFailureWithNoFallbackLeftFailsTheJobWithEveryAttemptRecorded() throws Exception {
        JobDispatched job = dispatchRouted(newJobId(), "[simulate:500] fails everywhere");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("provider_http_500", result.error().code());
        assertEquals(List.of("primary", "backup"),
                result.routing().attempts().stream().map(RoutingAttempt::target).distinct().toList());
        assertEquals(8, result.routing().attempts().size(), "four calls at each target");
    }

    @Test
    void aFailureOfAClassTheRouteDoesNotFallBackOnFailsAtItsTarget() throws Exception {
        JobDispatched job = dispatchRouted(newJobId(), "[simulate:timeout] no fallback for timeouts here");

        JobCompleted result = EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
        assertEquals("provider_timeout", result.error().code());
        List<RoutingAttempt> calls = result.routing().attempts();
        assertEquals(List.of("primary"), calls.stream().map(RoutingAttempt::target).distinct().toList());
        assertEquals(4, calls.size(), "retried at its target, never sent to the server-error fallback");
        assertTrue(calls.stream().allMatch(call -> call.errorClass() == ErrorClass.TIMEOUT));
        assertTrue(calls.subList(0, 3).stream().allMatch(call -> call.retryDelayMs() != null));
        assertNull(calls.getLast().retryDelayMs(), "the last call was not retried");
    }

    @Test
    void anIdenticalCacheableRequestIsAnsweredFromTheCacheWithoutAProviderCallAndOnlyForItsTenant() throws Exception {
        String question = "cache me " + UUID.randomUUID() + " [simulate:usage-details]";
        JobDispatched first = dispatchCacheable(newJobId(), "acme", question, true);
        JobCompleted original = resultOf(first.jobId());
        assertNull(original.cacheHit());
        assertTrue(providerSaw(first.jobId()));

        JobDispatched again = dispatchCacheable(newJobId(), "acme", question, true);
        JobCompleted cached = resultOf(again.jobId());
        assertEquals(Boolean.TRUE, cached.cacheHit());
        assertEquals(original.completion(), cached.completion());
        assertFalse(providerSaw(again.jobId()), "no provider call for a cache hit");
        TokensUsed saved = EventJson.MAPPER.readValue(kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(again.jobId()), WAIT).value(), TokensUsed.class);
        assertTrue(saved.servedFromCache(), "billing sees spend saved, not spent");
        assertEquals(original.completion().at("/usage/total_tokens").asInt(), saved.totalTokens());
        assertEquals(original.completion().at("/usage/prompt_tokens_details/cached_tokens").asInt(),
                saved.cachedTokens(), "the saved call's parts too");
        assertTrue(saved.cachedTokens() > 0);

        JobDispatched otherTenant = dispatchCacheable(newJobId(), "globex", question, true);
        assertNull(resultOf(otherTenant.jobId()).cacheHit(), "one tenant never gets another's answers");
        JobDispatched notAllowed = dispatchCacheable(newJobId(), "acme", question, false);
        assertNull(resultOf(notAllowed.jobId()).cacheHit(), "the caller did not allow the cache");
        assertTrue(providerSaw(notAllowed.jobId()));
    }

    private static JobCompleted resultOf(String jobId) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(), r -> r.value().contains(jobId), WAIT)
                .value(), JobCompleted.class);
    }

    private static boolean providerSaw(String jobId) throws Exception {
        String simulator = ConfigProvider.getConfig().getValue("switchboard.worker.base-url", String.class)
                .replace("/v1", "");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator + "/_simulator/requests/" + jobId)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** A job of a route that keeps answers for a minute. */
    private static JobDispatched dispatchCacheable(String jobId, String tenant, String content, boolean allowed)
            throws Exception {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", content)), 40, 0.0, null,
                null, null, allowed ? true : null);
        Routing routing = new Routing("gpt-4o-mini", 1, null, null, new RouteTarget("small", "simulator", "sim-small",
                null), null, null, 60);
        JobDispatched job = new JobDispatched(1, jobId, tenant, null, "simulator", "sim-small", request, Instant.now(),
                routing);
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }

    /** A job routed to "primary", falling back to "backup" on server errors only. */
    private static JobDispatched dispatchRouted(String jobId, String content) throws Exception {
        ChatRequest request = new ChatRequest("gpt-4o", List.of(ChatMessage.of("user", content)), 40, 0.0, null, null);
        Routing routing = new Routing("gpt-4o", 2, null, "canary",
                new RouteTarget("primary", "simulator", "sim-small", null),
                Map.of(ErrorClass.SERVER_ERROR, List.of(new RouteTarget("backup", "simulator", "sim-large", null))),
                List.of());
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, "simulator", "sim-small", request, Instant.now(),
                routing);
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }

    private static List<CompletionChunk> chunksOf(String jobId) throws Exception {
        List<CompletionChunk> chunks = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.collect(Topic.CHUNKS.topicName(),
                r -> jobId.equals(r.key()), r -> r.value().contains("\"last\":true"), WAIT)) {
            assertEquals(EventType.COMPLETION_CHUNK.type(), KafkaProbe.header(record, "ce_type").orElseThrow());
            chunks.add(EventJson.MAPPER.readValue(record.value(), CompletionChunk.class));
        }
        return chunks;
    }

    private static String newJobId() {
        return "job_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static JobDispatched dispatch(String content) throws Exception {
        return dispatch(newJobId(), content);
    }

    private static JobDispatched dispatch(String jobId, String content) throws Exception {
        return dispatch(jobId, content, false);
    }

    private static JobDispatched dispatch(String jobId, String content, boolean streamed) throws Exception {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", content)), 40, 0.0, null,
                null, streamed ? true : null, null);
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, "simulator", "sim-small", request, Instant.now());
        kafka.sendEvent(Topic.dispatchTopicName("simulator"), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }
}
