package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.OpenAiSpec;

/**
 * What every provider adapter owes the rest of Switchboard, checked end to end: a job dispatched on Kafka,
 * the provider (the simulator, speaking the adapter's wire format) called over HTTP, the usage and the
 * OpenAI-shaped result read back from Kafka. Each subclass runs it for one adapter, under its own test
 * profile and dispatch topic.
 */
abstract class AdapterContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    static final String SYSTEM_PROMPT = "You answer tersely.";
    static final int MAX_TOKENS = 40;

    /** The model name the adapter's provider knows (Azure: the deployment). */
    abstract String providerModel();

    /** Fails unless {@code sent}, the body the simulator received, is in the provider's own format. */
    abstract void assertProviderFormat(JsonNode sent);

    @Test
    void aJobIsSentInTheProvidersFormatAndAnsweredWithAnOpenAiCompletionAndNormalizedUsage() throws Exception {
        JobDispatched job = dispatch("Say hello", false);

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", result.completion());
        assertTrue(result.assistantContent().contains("Say hello"), result.assistantContent());
        assertEquals("stop", result.completion().at("/choices/0/finish_reason").asText());
        assertNormalizedUsage(result.completion().path("usage"));
        TokensUsed usage = usageOf(job);
        assertEquals(result.completion().at("/usage/prompt_tokens").asInt(), usage.promptTokens());
        assertEquals(result.completion().at("/usage/completion_tokens").asInt(), usage.completionTokens());
        assertProviderFormat(sentFor(job));
    }

    @Test
    void aStreamedJobRelaysOpenAiChunksInOrderAndRecordsTheSameAnswer() throws Exception {
        JobDispatched job = dispatch("Tell me a short story", true);

        List<CompletionChunk> stream = chunksOf(job);
        assertNull(stream.getLast().error());
        StringBuilder relayed = new StringBuilder();
        for (int i = 0; i < stream.size(); i++) {
            assertEquals(i, stream.get(i).seq(), "seq counts without gaps");
        }
        for (CompletionChunk chunk : stream.subList(0, stream.size() - 1)) {
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk.chunk());
            chunk.chunk().path("choices").forEach(choice -> relayed.append(choice.at("/delta/content").asText("")));
        }
        assertNormalizedUsage(stream.get(stream.size() - 2).chunk().path("usage"));

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", result.completion());
        assertEquals(relayed.toString(), result.assistantContent());
        assertTrue(relayed.toString().contains("Tell me a short story"));
        assertEquals("stop", result.completion().at("/choices/0/finish_reason").asText());
        assertNormalizedUsage(result.completion().path("usage"));
        assertEquals(result.completion().at("/usage/total_tokens").asInt(), usageOf(job).totalTokens());
    }

    @Test
    void cachedAndReasoningTokensAreReportedWhereOpenAiReportsThem() throws Exception {
        JobDispatched job = dispatch("count carefully [simulate:usage-details]", false);

        JsonNode usage = resultOf(job).completion().path("usage");
        assertNormalizedUsage(usage);
        assertCachedAndReasoningTokens(usage);
    }

    /**
     * A streamed call and the same call unstreamed cost the same: the simulator reports cache reads, cache writes
     * (5-minute and 1-hour) and reasoning as this provider reports them, in one piece and in its stream, and the
     * usage the worker emits for the two calls agrees in every token field, as does the usage each client is shown.
     */
    @Test
    void aStreamedCallAndTheSameCallUnstreamedCostTheSame() throws Exception {
        String question = "What does this cost? " + UUID.randomUUID() + " [simulate:cache-write]";
        JobDispatched plain = dispatch(question, false);
        JobDispatched streamed = dispatch(question, true);

        TokensUsed once = usageOf(plain);
        TokensUsed streamedOnce = usageOf(streamed);
        assertEquals(tokenFields(once), tokenFields(streamedOnce), "the stream is billed as the answer in one piece");
        assertCacheAndReasoningParts(once);
        assertEquals(tokenFields(once), shownFields(resultOf(plain).completion().path("usage")), "shown as billed");
        assertEquals(tokenFields(streamedOnce), shownFields(resultOf(streamed).completion().path("usage")),
                "shown as billed, streamed");
        assertStreamAskedForItsUsage(sentFor(streamed));
    }

    /**
     * The parts the simulator's {@code [simulate:cache-write]} reports in this provider's format: by default (OpenAI,
     * Azure, Gemini) cache reads and reasoning, no cache writes, which only Anthropic reports.
     */
    void assertCacheAndReasoningParts(TokensUsed usage) {
        assertTrue(usage.cachedTokens() > 0 && usage.cachedTokens() < usage.promptTokens(), usage.toString());
        assertEquals(0, usage.cacheWriteTokens(), usage.toString());
        assertTrue(usage.reasoningTokens() > 0 && usage.reasoningTokens() < usage.completionTokens(), usage.toString());
    }

    /** Fails unless the streamed request asked for the usage, where the provider reports it only when asked. */
    void assertStreamAskedForItsUsage(JsonNode sent) {
        assertTrue(sent.path("stream").asBoolean(), sent.toString());
        assertTrue(sent.at("/stream_options/include_usage").asBoolean(),
                "OpenAI streams report usage only with stream_options.include_usage: " + sent);
    }

    static Map<String, Integer> tokenFields(TokensUsed usage) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        fields.put("prompt_tokens", usage.promptTokens());
        fields.put("completion_tokens", usage.completionTokens());
        fields.put("total_tokens", usage.totalTokens());
        fields.put("cached_tokens", usage.cachedTokens());
        fields.put("cache_write_tokens", usage.cacheWriteTokens());
        fields.put("cache_write_1h_tokens", usage.cacheWrite1hTokens());
        fields.put("reasoning_tokens", usage.reasoningTokens());
        return fields;
    }

    /** The same fields as the client reads them in OpenAI's usage. */
    static Map<String, Integer> shownFields(JsonNode usage) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        fields.put("prompt_tokens", usage.path("prompt_tokens").asInt());
        fields.put("completion_tokens", usage.path("completion_tokens").asInt());
        fields.put("total_tokens", usage.path("total_tokens").asInt());
        fields.put("cached_tokens", usage.at("/prompt_tokens_details/cached_tokens").asInt());
        fields.put("cache_write_tokens", usage.at("/prompt_tokens_details/cache_write_tokens").asInt());
        fields.put("cache_write_1h_tokens", usage.at("/prompt_tokens_details/cache_write_1h_tokens").asInt());
        fields.put("reasoning_tokens", usage.at("/completion_tokens_details/reasoning_tokens").asInt());
        return fields;
    }

    @Test
    void aRateLimitedCallIsRetriedAfterTheProvidersRetryAfter() throws Exception {
        JobDispatched job = dispatch("[simulate:429x2] please", false);

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        List<JobDispatched> retries = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.collect(Topic.retryTopicName(job.provider()),
                r -> r.value().contains(job.jobId()), r -> r.value().contains("\"attempt\":3"), WAIT)) {
            retries.add(EventJson.MAPPER.readValue(record.value(), JobDispatched.class));
        }
        assertEquals(List.of(2, 3), retries.stream().map(JobDispatched::attempt).toList(),
                "each retry waits on the retry topic, not in a provider slot");
        for (JobDispatched retry : retries) {
            long heldMs = Duration.between(retry.dispatchedAt(), retry.notBefore()).toMillis();
            assertTrue(heldMs >= 1_000, "Retry-After: 1 s, not the 50 ms backoff: " + heldMs + " ms");
        }
        assertTrue(Duration.between(job.dispatchedAt(), result.completedAt()).toMillis() >= 2_000);
    }

    @Test
    void aStreamRateLimitedBeforeItsFirstChunkIsRetried() throws Exception {
        JobDispatched job = dispatch("[simulate:429x1] stream after a retry", true);

        assertNull(chunksOf(job).getLast().error());
        assertEquals(JobStatus.SUCCEEDED, resultOf(job).status());
    }

    @Test
    void anOverloadedProviderIsRetried() throws Exception {
        JobDispatched job = dispatch("[simulate:overloadedx1] then fine", false);

        assertEquals(JobStatus.SUCCEEDED, resultOf(job).status());
    }

    @Test
    void aProviderThatKeepsFailingFailsTheJobWithItsStatus() throws Exception {
        JobDispatched job = dispatch("[simulate:500] always", false);

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("provider_http_500", result.error().code());
    }

    @Test
    void aTooLongPromptFailsAtOnceAsContextLengthExceeded() throws Exception {
        // only the first call is refused: had the worker retried, the job would have succeeded
        JobDispatched job = dispatch("[simulate:context-lengthx1] a very long prompt", false);

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("context_length_exceeded", result.error().code());
    }

    @Test
    void aToolConversationWithAPictureIsSentInTheProvidersFormatAndItsToolCallComesBackAsOpenAis() throws Exception {
        JobDispatched job = dispatch(toolConversation("[simulate:tool-call] and what about Rome?"));

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", result.completion());
        assertEquals("tool_calls", result.completion().at("/choices/0/finish_reason").asText());
        JsonNode call = result.completion().at("/choices/0/message/tool_calls/0");
        assertEquals("function", call.path("type").asText(), call.toString());
        assertEquals("lookup_weather", call.at("/function/name").asText());
        assertTrue(EventJson.MAPPER.readTree(call.at("/function/arguments").asText()).path("query").asText()
                .contains("what about Rome?"), "arguments are a JSON string, as OpenAI sends them: " + call);
        assertTrue(call.path("id").asText().length() > 3, call.toString());
        assertToolConversationInProviderFormat(sentFor(job));
    }

    @Test
    void aStreamedToolCallIsRelayedAsOpenAiStreamsOneAndRecordedWhole() throws Exception {
        JobDispatched job = dispatch(toolConversation("[simulate:tool-call] and what about Rome?").streamedLive());

        List<CompletionChunk> stream = chunksOf(job);
        assertNull(stream.getLast().error());
        StringBuilder arguments = new StringBuilder();
        String name = null;
        for (CompletionChunk chunk : stream.subList(0, stream.size() - 1)) {
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk.chunk());
            for (JsonNode call : chunk.chunk().at("/choices/0/delta/tool_calls")) {
                assertEquals(0, call.path("index").asInt(), "one call, at index 0");
                name = call.at("/function/name").asText(name);
                arguments.append(call.at("/function/arguments").asText(""));
            }
        }
        assertEquals("lookup_weather", name);
        assertTrue(EventJson.MAPPER.readTree(arguments.toString()).path("query").asText().contains("what about Rome?"),
                "the relayed pieces join into the arguments' JSON: " + arguments);

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.SUCCEEDED, result.status(), () -> String.valueOf(result.error()));
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", result.completion());
        assertEquals("tool_calls", result.completion().at("/choices/0/finish_reason").asText());
        JsonNode recorded = result.completion().at("/choices/0/message/tool_calls/0");
        assertEquals("lookup_weather", recorded.at("/function/name").asText(), recorded.toString());
        assertEquals(arguments.toString(), recorded.at("/function/arguments").asText());
        assertTrue(recorded.path("id").asText().length() > 3, recorded.toString());
        assertTrue(result.completion().at("/choices/0/message/content").isNull(), "only a call, no text");
    }

    /**
     * Fails unless {@code sent} carries, in the provider's own format: the tool offered, the earlier call and its
     * result, the picture (a PNG data URL) and the stop sequence.
     */
    abstract void assertToolConversationInProviderFormat(JsonNode sent);

    /** OpenAI's own format, as OpenAI and the servers that copy it take it. */
    static void assertOpenAiToolConversation(JsonNode sent) {
        assertEquals("lookup_weather", sent.at("/tools/0/function/name").asText(), sent.toString());
        assertEquals("auto", sent.path("tool_choice").asText());
        assertEquals("END", sent.at("/stop/0").asText());
        JsonNode messages = sent.path("messages");
        assertEquals("call_paris", messages.at("/2/tool_calls/0/id").asText(), messages.toString());
        assertTrue(messages.at("/2/content").isNull(), "an assistant message that only calls tools has null content");
        assertEquals("tool", messages.at("/3/role").asText());
        assertEquals("call_paris", messages.at("/3/tool_call_id").asText());
        assertEquals("data:image/png;base64," + PICTURE_DATA, messages.at("/4/content/1/image_url/url").asText());
    }

    static final String PICTURE_DATA = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";

    /** A weather question answered by a tool call and its result, then a follow-up with a picture. */
    private static ChatRequest toolConversation(String followUp) throws Exception {
        ChatMessage call = new ChatMessage("assistant", null, null, null, EventJson.MAPPER.readTree("""
                [{"id":"call_paris","type":"function",
                  "function":{"name":"lookup_weather","arguments":"{\\"query\\":\\"Paris\\"}"}}]
                """), null);
        ChatMessage result = new ChatMessage("tool", "{\"celsius\":21}", null, null, null, "call_paris");
        ChatMessage picture = new ChatMessage("user", followUp, null, EventJson.MAPPER.readTree("""
                [{"type":"text","text":"%s"},{"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]
                """.formatted(followUp, PICTURE_DATA)), null, null);
        JsonNode tools = EventJson.MAPPER.readTree("""
                [{"type":"function","function":{"name":"lookup_weather","description":"Current weather of a city",
                  "parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}}]
                """);
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("system", SYSTEM_PROMPT),
                ChatMessage.of("user", "What is the weather in Paris?"), call, result, picture), MAX_TOKENS, 0.2, null,
                null).withSampling(null, List.of("END"), tools, EventJson.MAPPER.readTree("\"auto\""));
    }

    /**
     * The simulator reports half the prompt as cached and, where the provider's format can say it, 16
     * reasoning tokens: both must come out in OpenAI's fields, cached ones within the prompt tokens.
     */
    void assertCachedAndReasoningTokens(JsonNode usage) {
        int cached = usage.at("/prompt_tokens_details/cached_tokens").asInt();
        assertTrue(cached > 0 && cached < usage.path("prompt_tokens").asInt(),
                "cached tokens are part of the prompt tokens: " + usage);
        int reasoning = usage.at("/completion_tokens_details/reasoning_tokens").asInt();
        assertTrue(reasoning > 0 && reasoning < usage.path("completion_tokens").asInt(),
                "reasoning tokens are part of the completion tokens: " + usage);
    }

    static void assertNormalizedUsage(JsonNode usage) {
        assertTrue(usage.path("prompt_tokens").asInt() > 0, usage.toString());
        assertTrue(usage.path("completion_tokens").asInt() > 0, usage.toString());
        assertEquals(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt(),
                usage.path("total_tokens").asInt(), usage.toString());
        assertTrue(usage.at("/prompt_tokens_details/cached_tokens").isInt(), usage.toString());
        assertTrue(usage.at("/completion_tokens_details/reasoning_tokens").isInt(), usage.toString());
    }

    private JobDispatched dispatch(String content, boolean streamed) throws Exception {
        return dispatch(new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("system", SYSTEM_PROMPT),
                ChatMessage.of("user", content)), MAX_TOKENS, 0.2, null, null, streamed ? true : null, null));
    }

    private JobDispatched dispatch(ChatRequest request) throws Exception {
        String provider = ConfigProvider.getConfig().getValue("switchboard.worker.provider", String.class);
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, provider, providerModel(), request, Instant.now());
        kafka.sendEvent(Topic.dispatchTopicName(provider), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }

    private static JobCompleted resultOf(JobDispatched job) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobCompleted.class);
    }

    private static TokensUsed usageOf(JobDispatched job) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(Topic.USAGE.topicName(),
                r -> r.value().contains(job.jobId()), WAIT).value(), TokensUsed.class);
    }

    private static List<CompletionChunk> chunksOf(JobDispatched job) throws Exception {
        List<CompletionChunk> chunks = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.collect(Topic.CHUNKS.topicName(),
                r -> job.jobId().equals(r.key()), r -> r.value().contains("\"last\":true"), WAIT)) {
            chunks.add(EventJson.MAPPER.readValue(record.value(), CompletionChunk.class));
        }
        return chunks;
    }

    private static JsonNode sentFor(JobDispatched job) throws Exception {
        String simulator = ConfigProvider.getConfig().getValue("switchboard.test.simulator-url", String.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator + "/_simulator/requests/" + job.jobId())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "the simulator received the job");
        return EventJson.MAPPER.readTree(response.body());
    }
}
