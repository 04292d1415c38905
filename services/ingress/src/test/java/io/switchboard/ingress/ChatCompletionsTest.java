package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.OpenAiSpec;

/**
 * The synchronous API over the asynchronous pipeline: the test plays the rest of the pipeline, reading
 * the job from the requests topic and publishing its result on the results topic of the real broker.
 */
@QuarkusTest
class ChatCompletionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void chatCompletionWaitsForTheJobAndAnswersItsCompletion() throws Exception {
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = call(false, marker);

        JobRequested job = requested(marker);
        publish(JobCompleted.succeeded(dispatched(job), completion("Hello from the pipeline"), 7, Instant.now()));

        Response response = call.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode body = JSON.readTree(response.asString());
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", body);
        assertEquals("Hello from the pipeline", body.at("/choices/0/message/content").asText());
        assertEquals(job.jobId(), response.header("X-Switchboard-Job-Id"));
    }

    @Test
    void streamedChatCompletionIsServerSentEventsEndingWithDone() throws Exception {
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = call(true, marker);

        JobRequested job = requested(marker);
        publish(JobCompleted.succeeded(dispatched(job), completion("streamed words"), 7, Instant.now()));

        Response response = call.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        String[] events = response.asString().split("\n\n");
        assertEquals("data: [DONE]", events[events.length - 1]);
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < events.length - 1; i++) {
            JsonNode chunk = JSON.readTree(events[i].substring("data: ".length()));
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk);
            content.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertEquals("streamed words", content.toString());
        JsonNode usage = JSON.readTree(events[events.length - 2].substring("data: ".length()));
        assertEquals(12, usage.at("/usage/total_tokens").asInt(), "include_usage adds the usage chunk last");
    }

    @Test
    void streamedChatCompletionRelaysEachChunkTheMomentTheWorkerPublishesIt() throws Exception {
        String marker = UUID.randomUUID().toString();
        LiveCall call = LiveCall.start(chatUrl, streamedBody(marker, true));
        JobRequested job = requested(marker);
        assertTrue(job.request().streamed(), "the job asks the worker to relay chunks");
        assertEquals(Lane.INTERACTIVE, job.lane(), "its caller waits: it queues ahead of async and batch work");
        String streamId = UUID.randomUUID().toString();

        publishChunk(job, streamId, 0, chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        assertEquals(200, call.status());
        assertTrue(call.contentType().startsWith("text/event-stream"), call.contentType());
        assertEquals(job.jobId(), call.header("x-switchboard-job-id"));
        assertTrue(call.header("x-ratelimit-remaining-requests") != null, "rate-limit headers on the stream");
        JsonNode first = call.nextEvent();
        assertEquals("assistant", first.at("/choices/0/delta/role").asText(),
                "the first chunk reached the caller before the rest of the answer existed");

        publishChunk(job, streamId, 1, chunk("{\"content\":\"live \"}", null));
        assertEquals("live ", call.nextEvent().at("/choices/0/delta/content").asText());
        publishChunk(job, streamId, 2, chunk("{\"content\":\"words\"}", null));
        publishChunk(job, streamId, 3, chunk("{}", "stop"));
        publishChunk(job, streamId, 4, usageChunk());
        kafka.sendEvent(Topic.CHUNKS.topicName(), job.jobId(), EventType.COMPLETION_CHUNK.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(
                        CompletionChunk.end(job.jobId(), job.tenantId(), streamId, 5, null, Instant.now())));

        JsonNode second = call.nextEvent();
        assertEquals("words", second.at("/choices/0/delta/content").asText());
        OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", second);
        assertEquals("stop", call.nextEvent().at("/choices/0/finish_reason").asText());
        JsonNode usage = call.nextEvent();
        assertEquals(12, usage.at("/usage/total_tokens").asInt(), "include_usage: the usage chunk is relayed");
        OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", usage);
        assertEquals("[DONE]", call.nextData());
        assertTrue(call.ended(), "nothing after [DONE]");
    }

    @Test
    void withoutIncludeUsageTheRelayedStreamCarriesNoUsage() throws Exception {
        String marker = UUID.randomUUID().toString();
        LiveCall call = LiveCall.start(chatUrl, streamedBody(marker, false));
        JobRequested job = requested(marker);
        String streamId = UUID.randomUUID().toString();
        publishChunk(job, streamId, 0, chunk("{\"content\":\"short\"}", "stop"));
        publishChunk(job, streamId, 1, usageChunk());
        kafka.sendEvent(Topic.CHUNKS.topicName(), job.jobId(), EventType.COMPLETION_CHUNK.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(
                        CompletionChunk.end(job.jobId(), job.tenantId(), streamId, 2, null, Instant.now())));

        assertEquals("short", call.nextEvent().at("/choices/0/delta/content").asText());
        assertEquals("[DONE]", call.nextData(), "the worker's usage chunk was not passed on");
    }

    @Test
    void aStreamRestartedByARedeliveredJobEndsWithAnErrorInsteadOfSplicingTwoAnswers() throws Exception {
        String marker = UUID.randomUUID().toString();
        LiveCall call = LiveCall.start(chatUrl, streamedBody(marker, true));
        JobRequested job = requested(marker);
        publishChunk(job, "first-attempt", 0, chunk("{\"content\":\"half an \"}", null));
        assertEquals("half an ", call.nextEvent().at("/choices/0/delta/content").asText());

        publishChunk(job, "second-attempt", 0, chunk("{\"content\":\"another answer\"}", null));

        JsonNode error = call.nextEvent();
        OpenAiSpec.assertConforms("ErrorResponse", error);
        assertEquals("stream_interrupted", error.at("/error/code").asText());
        assertTrue(error.at("/error/message").asText().contains(job.jobId()), "tells where to fetch the outcome");
        assertTrue(call.ended());
    }

    @Test
    void aStreamThatBrokeOffIsRelayedWithItsErrorEvenWhenTheFailedOutcomeArrivesBeforeItsChunks() throws Exception {
        String marker = UUID.randomUUID().toString();
        LiveCall call = LiveCall.start(chatUrl, streamedBody(marker, false));
        JobRequested job = requested(marker);
        JobError broken = new JobError("provider_stream_interrupted",
                "The provider's stream broke off before the answer was complete.");
        // under load the results topic can be read before the chunks topic: the outcome comes first here
        publish(JobCompleted.failed(job.jobId(), job.tenantId(), null, job.request(), "simulator", "sim-small", broken,
                5, Instant.now()));
        publishChunk(job, "only-attempt", 0, chunk("{\"content\":\"half an \"}", null));
        kafka.sendEvent(Topic.CHUNKS.topicName(), job.jobId(), EventType.COMPLETION_CHUNK.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(
                        CompletionChunk.end(job.jobId(), job.tenantId(), "only-attempt", 1, broken, Instant.now())));

        assertEquals("half an ", call.nextEvent().at("/choices/0/delta/content").asText(),
                "the caller gets what the provider wrote, not a 502 instead of it");
        JsonNode error = call.nextEvent();
        OpenAiSpec.assertConforms("ErrorResponse", error);
        assertEquals("provider_stream_interrupted", error.at("/error/code").asText());
        assertTrue(call.ended());
    }

    @Test
    void aCallerThatAllowsTheCacheSaysSoOnItsJobAndHearsWhenTheAnswerCameFromIt() throws Exception {
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", bearer(ACME_KEY)).header("X-Switchboard-Cache", "on")
                .contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}")
                .when().post("/v1/chat/completions"));
        JobRequested job = requested(marker);
        assertTrue(job.request().allowsCache());
        JobCompleted hit = JobCompleted.fromCache(dispatched(job), completion("kept answer"), 2, Instant.now());
        publish(hit);

        Response response = call.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("hit", response.header("X-Switchboard-Cache"));
        assertEquals("kept answer", JSON.readTree(response.asString()).at("/choices/0/message/content").asText());
    }

    @Test
    void aCacheHeaderThatIsNeitherOnNorOffIsRefused() throws Exception {
        Response response = given().header("Authorization", bearer(ACME_KEY)).header("X-Switchboard-Cache", "maybe")
                .contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .when().post("/v1/chat/completions");
        assertEquals(400, response.statusCode(), response.asString());
        OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.asString()));
        assertEquals("X-Switchboard-Cache", JSON.readTree(response.asString()).at("/error/param").asText());
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheOriginalCompletionWithoutASecondJob() throws Exception {
        String marker = UUID.randomUUID().toString();
        String key = "chat-" + marker;
        CompletableFuture<Response> call = call(false, marker, key);
        JobRequested job = requested(marker);
        publish(JobCompleted.succeeded(dispatched(job), completion("only once"), 7, Instant.now()));
        Response first = call.get(30, TimeUnit.SECONDS);

        Response again = call(false, marker, key).get(30, TimeUnit.SECONDS);

        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(first.header("X-Switchboard-Job-Id"), again.header("X-Switchboard-Job-Id"));
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals("only once", JSON.readTree(again.asString()).at("/choices/0/message/content").asText());
    }

    @Test
    void failedJobAnswersTheProvidersErrorAsAnOpenAiError() throws Exception {
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = call(false, marker);

        JobRequested job = requested(marker);
        publish(JobCompleted.failed(job.jobId(), job.tenantId(), null, job.request(), "simulator", "sim-small",
                new JobError("rate_limit_exceeded", "Rate limit reached (simulated)."), 5, Instant.now()));

        Response response = call.get(30, TimeUnit.SECONDS);
        assertEquals(429, response.statusCode(), response.asString());
        JsonNode body = JSON.readTree(response.asString());
        OpenAiSpec.assertConforms("ErrorResponse", body);
        assertEquals("rate_limit_exceeded", body.at("/error/code").asText());
        assertEquals(job.jobId(), body.path("job_id").asText());
    }

    @TestHTTPResource("/v1/chat/completions")
    URI chatUrl;

    private static String streamedBody(String marker, boolean includeUsage) {
        return """
                {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":%s},
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(includeUsage, marker);
    }

    private static JsonNode chunk(String delta, String finishReason) throws Exception {
        return EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"sim-small",
                 "choices":[{"index":0,"delta":%s,"logprobs":null,"finish_reason":%s}]}""".formatted(delta,
                finishReason == null ? "null" : "\"" + finishReason + "\""));
    }

    private static JsonNode usageChunk() throws Exception {
        return EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"sim-small","choices":[],
                 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""");
    }

    private static void publishChunk(JobRequested job, String streamId, int seq, JsonNode chunk) throws Exception {
        kafka.sendEvent(Topic.CHUNKS.topicName(), job.jobId(), EventType.COMPLETION_CHUNK.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(
                        CompletionChunk.of(job.jobId(), job.tenantId(), streamId, seq, chunk, Instant.now())));
    }

    @Test
    void aProviderContentRefusalIsTheCallersBadRequestNotAGatewayError() throws Exception {
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Response> call = call(false, marker);
        JobRequested job = requested(marker);
        publish(JobCompleted.failed(job.jobId(), job.tenantId(), null, job.request(), "simulator", "sim-small",
                new JobError("content_filter", "The provider's content filter refused the prompt."), 5, Instant.now()));

        Response response = call.get(30, TimeUnit.SECONDS);
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("content_filter", JSON.readTree(response.asString()).at("/error/code").asText());
    }

    private static CompletableFuture<Response> call(boolean stream, String marker) {
        return call(stream, marker, null);
    }

    private static CompletableFuture<Response> call(boolean stream, String marker, String idempotencyKey) {
        String body = """
                {"model":"gpt-4o-mini","stream":%s,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(stream, marker);
        return CompletableFuture.supplyAsync(() -> {
            var request = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json").body(body);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return request.when().post("/v1/chat/completions");
        });
    }

    private static JobRequested requested(String marker) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(Topic.REQUESTS.topicName(), r -> r.value().contains(marker),
                Duration.ofSeconds(30)).value(), JobRequested.class);
    }

    private static JobDispatched dispatched(JobRequested job) {
        ChatRequest request = job.request().withMessages(List.of(ChatMessage.of("user", "x")));
        return JobDispatched.of(job, "simulator", "sim-small", request, Instant.now());
    }

    private static JsonNode completion(String content) throws Exception {
        return EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-9","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""".formatted(content));
    }

    private static void publish(JobCompleted result) throws Exception {
        kafka.sendEvent(Topic.RESULTS.topicName(), result.jobId(), EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(result));
    }
}
