package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.OpenAiSpec;

class ProviderSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProviderSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ofMillis(200), 2));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void answersAChatCompletionWithRealTokenCountsAndSaysItIsASimulator() throws Exception {
        HttpResponse<String> response = post("""
                {"model":"sim-small","messages":[{"role":"user","content":"Hello there"}]}""", "req-1");

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", body);
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("fp_switchboard_simulator", body.path("system_fingerprint").asText());
        assertEquals("assistant", body.at("/choices/0/message/role").asText());
        // "Hello there" is 2 tokens in cl100k_base; "user" 1; 3 framing + 3 primer.
        assertEquals(9, body.at("/usage/prompt_tokens").asInt());
        assertEquals(body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt(),
                body.at("/usage/total_tokens").asInt());
        assertEquals("Hello there", JSON.readTree(get("/_simulator/requests/req-1").body()).at("/messages/0/content").asText());
    }

    @Test
    void cutsTheReplyAtMaxTokensWithFinishReasonLength() throws Exception {
        JsonNode body = JSON.readTree(post("""
                {"model":"m","max_tokens":3,"messages":[{"role":"user","content":"Tell me a long story"}]}""", null).body());

        assertEquals("length", body.at("/choices/0/finish_reason").asText());
        assertEquals(3, body.at("/usage/completion_tokens").asInt());
    }

    @Test
    void answersJsonWhenJsonIsAskedFor() throws Exception {
        JsonNode body = JSON.readTree(post("""
                {"model":"m","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"json please"}]}""", null).body());

        JsonNode content = JSON.readTree(body.at("/choices/0/message/content").asText());
        assertTrue(content.path("simulated").asBoolean());
    }

    @Test
    void rateLimitsWithRetryAfterWhenAsked() throws Exception {
        HttpResponse<String> response = post("""
                {"model":"m","messages":[{"role":"user","content":"[simulate:429]"}]}""", null);

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("rate_limit_exceeded", JSON.readTree(response.body()).at("/error/code").asText());
        OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.body()));
    }

    @Test
    void failsOnlyTheFirstCallsOfARequestWhenAskedForNFailures() throws Exception {
        String body = """
                {"model":"m","messages":[{"role":"user","content":"[simulate:500x2] then fine"}]}""";
        assertEquals(500, post(body, "flaky-1").statusCode());
        assertEquals(500, post(body, "flaky-1").statusCode());
        assertEquals(200, post(body, "flaky-1").statusCode());
    }

    @Test
    void refusesAPromptItsSafetySystemBlocksAsOpenAiDoes() throws Exception {
        HttpResponse<String> response = post("""
                {"model":"m","messages":[{"role":"user","content":"[simulate:content-filter]"}]}""", null);

        assertEquals(400, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("content_policy_violation", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
    }

    @Test
    void failsWith500WhenAsked() throws Exception {
        assertEquals(500, post("""
                {"model":"m","messages":[{"role":"user","content":"[simulate:500]"}]}""", null).statusCode());
    }

    @Test
    void streamsChunksThenUsageThenDone() throws Exception {
        String body = post("""
                {"model":"m","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"stream it"}]}""", null).body();

        String[] events = body.split("\n\n");
        assertTrue(events.length >= 4, body);
        assertEquals("data: [DONE]", events[events.length - 1]);
        JsonNode usageChunk = JSON.readTree(events[events.length - 2].substring("data: ".length()));
        assertEquals(0, usageChunk.path("choices").size());
        assertTrue(usageChunk.at("/usage/total_tokens").asInt() > 0);
        JsonNode first = JSON.readTree(events[0].substring("data: ".length()));
        assertEquals("chat.completion.chunk", first.path("object").asText());
        for (int i = 0; i < events.length - 1; i++) {
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", JSON.readTree(events[i].substring("data: ".length())));
        }
    }

    @Test
    void streamsAToolCallAsOpenAiDoesItsIdAndNameFirstThenItsArgumentsInPieces() throws Exception {
        String body = post("""
                {"model":"m","stream":true,
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                 "messages":[{"role":"user","content":"weather in Rome [simulate:tool-call]"}]}""", null).body();

        String[] events = body.split("\n\n");
        assertEquals("data: [DONE]", events[events.length - 1]);
        StringBuilder arguments = new StringBuilder();
        String finishReason = null;
        for (int i = 0; i < events.length - 1; i++) {
            JsonNode chunk = JSON.readTree(events[i].substring("data: ".length()));
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk);
            JsonNode call = chunk.at("/choices/0/delta/tool_calls/0");
            if (call.isObject()) {
                assertEquals(0, call.path("index").asInt());
                arguments.append(call.at("/function/arguments").asText());
            }
            finishReason = chunk.at("/choices/0/finish_reason").asText(finishReason);
        }
        JsonNode firstCall = JSON.readTree(events[1].substring("data: ".length())).at("/choices/0/delta/tool_calls/0");
        assertEquals("lookup", firstCall.at("/function/name").asText());
        assertTrue(firstCall.path("id").asText().startsWith("call_"));
        assertEquals("weather in Rome [simulate:tool-call]", JSON.readTree(arguments.toString()).path("query").asText());
        assertTrue(events.length > 5, "the arguments come in several pieces: " + body);
        assertEquals("tool_calls", finishReason);
    }

    @Test
    void aCutStreamStopsHalfWayWithoutFinishReasonOrDone() throws Exception {
        String body = post("""
                {"model":"m","stream":true,"messages":[{"role":"user","content":"one two three four five six [simulate:cut-stream]"}]}""",
                null).body();

        String[] events = body.split("\n\n");
        assertTrue(events.length >= 2, body);
        assertFalse(body.contains("[DONE]"), body);
        assertFalse(body.contains("\"finish_reason\":\"stop\""), body);
    }

    @Test
    void aSlowAnswerComesAfterTheSlowWait() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = post("""
                {"model":"m","messages":[{"role":"user","content":"take your time [simulate:slow]"}]}""", null);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, response.statusCode());
        assertTrue(tookMs >= ProviderSimulator.SLOW_ANSWER.toMillis(), "answered after " + tookMs + " ms");
    }

    @Test
    void aSlowStreamSpacesItsChunks() throws Exception {
        long started = System.nanoTime();
        String body = post("""
                {"model":"m","stream":true,"messages":[{"role":"user","content":"slowly [simulate:slow-stream]"}]}""",
                null).body();

        long chunks = body.split("\n\n").length - 1;
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs >= chunks * ProviderSimulator.SLOW_CHUNK_MS, elapsedMs + " ms for " + chunks + " chunks");
    }

    @Test
    void rejectsMissingKeyAndMalformedBodyWithOpenAiErrors() throws Exception {
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noKey.statusCode());
        HttpResponse<String> malformed = post("{not json", null);
        assertEquals(400, malformed.statusCode());
        assertEquals("invalid_request_error", JSON.readTree(malformed.body()).at("/error/type").asText());
    }

    private HttpResponse<String> post(String body, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("X-Client-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
