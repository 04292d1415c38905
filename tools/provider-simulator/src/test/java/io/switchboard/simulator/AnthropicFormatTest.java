package io.switchboard.simulator;

import static io.switchboard.simulator.SimulatorHttp.dataEvents;
import static io.switchboard.simulator.SimulatorHttp.eventNames;
import static io.switchboard.simulator.SimulatorHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class AnthropicFormatTest {

    private static ProviderSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() throws Exception {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ofMillis(200), 3));
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void answersAMessageWithTextContentStopReasonAndUsage() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Hello, Claude"}]}""");

        assertEquals(200, response.statusCode());
        JsonNode message = json(response);
        assertEquals("message", message.path("type").asText());
        assertTrue(message.path("id").asText().startsWith("msg_"));
        assertEquals("assistant", message.path("role").asText());
        assertEquals("claude-sonnet-4-5", message.path("model").asText());
        assertEquals("text", message.at("/content/0/type").asText());
        assertTrue(message.at("/content/0/text").asText().contains("Hello, Claude"));
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertTrue(message.path("stop_sequence").isNull());
        assertTrue(message.at("/usage/input_tokens").asInt() > 0);
        assertTrue(message.at("/usage/output_tokens").asInt() > 0);
        assertEquals(0, message.at("/usage/cache_read_input_tokens").asInt());
    }

    @Test
    void stopsAtMaxTokensWithStopReasonMaxTokens() throws Exception {
        JsonNode message = json(messages("""
                {"model":"claude-sonnet-4-5","max_tokens":3,"messages":[{"role":"user","content":"Tell me a story"}]}"""));

        assertEquals("max_tokens", message.path("stop_reason").asText());
        assertEquals(3, message.at("/usage/output_tokens").asInt());
    }

    @Test
    void streamsTheDocumentedEventSequence() throws Exception {
        String body = messages("""
                {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,
                 "messages":[{"role":"user","content":"stream it"}]}""").body();

        List<String> names = eventNames(body);
        assertEquals(List.of("message_start", "content_block_start", "ping"), names.subList(0, 3));
        assertEquals(List.of("content_block_stop", "message_delta", "message_stop"),
                names.subList(names.size() - 3, names.size()));
        List<JsonNode> events = dataEvents(body);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), events.get(i).path("type").asText(), "each event names its data's type");
        }
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.path("type").asText()))
                .forEach(e -> text.append(e.at("/delta/text").asText()));
        assertTrue(text.toString().contains("stream it"));
        JsonNode messageDelta = events.get(events.size() - 2);
        assertEquals("end_turn", messageDelta.at("/delta/stop_reason").asText());
        assertTrue(messageDelta.at("/usage/output_tokens").asInt() > 0);
        assertTrue(events.get(0).at("/message/usage/input_tokens").asInt() > 0);
    }

    @Test
    void rateLimitsWithAnthropicsErrorBodyAndRetryAfter() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"[simulate:429]"}]}""");

        assertEquals(429, response.statusCode());
        assertEquals("3", response.headers().firstValue("retry-after").orElseThrow());
        JsonNode body = json(response);
        assertEquals("error", body.path("type").asText());
        assertEquals("rate_limit_error", body.at("/error/type").asText());
        assertTrue(body.path("request_id").asText().startsWith("req_"));
    }

    @Test
    void answersOverloadedWith529() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"[simulate:overloaded]"}]}""");

        assertEquals(529, response.statusCode());
        assertEquals("overloaded_error", json(response).at("/error/type").asText());
    }

    @Test
    void aBlockedPromptIsAnInvalidRequestSayingSo() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"[simulate:content-filter]"}]}""");

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_error", json(response).at("/error/type").asText());
        assertEquals("Output blocked by content filtering policy", json(response).at("/error/message").asText());
    }

    @Test
    void aTooLongPromptIsAnInvalidRequestSayingSo() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"[simulate:context-length]"}]}""");

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_error", json(response).at("/error/type").asText());
        assertTrue(json(response).at("/error/message").asText().startsWith("prompt is too long: "));
    }

    @Test
    void reportsCacheReadsApartFromInputTokens() throws Exception {
        JsonNode usage = json(messages("""
                {"model":"m","max_tokens":64,"messages":[{"role":"user","content":"cached [simulate:usage-details]"}]}"""))
                .path("usage");

        assertTrue(usage.path("cache_read_input_tokens").asInt() > 0);
        assertTrue(usage.path("input_tokens").asInt() > 0);
    }

    @Test
    void reportsCacheWritesApartFromInputTokensSplitByLifetime() throws Exception {
        JsonNode usage = json(messages("""
                {"model":"m","max_tokens":64,"messages":[{"role":"user","content":"write it [simulate:cache-write]"}]}"""))
                .path("usage");

        int read = usage.path("cache_read_input_tokens").asInt();
        int written = usage.path("cache_creation_input_tokens").asInt();
        int prompt = usage.path("input_tokens").asInt() + read + written;
        assertEquals(prompt / 2, read, usage.toString());
        assertEquals(prompt / 4, written, usage.toString());
        assertTrue(written > 0, usage.toString());
        assertEquals(written / 2, usage.at("/cache_creation/ephemeral_1h_input_tokens").asInt());
        assertEquals(written - written / 2, usage.at("/cache_creation/ephemeral_5m_input_tokens").asInt());
    }

    @Test
    void aStreamReportsTheSameCacheUsageInMessageStartAndCumulativelyInMessageDelta() throws Exception {
        String content = "write it [simulate:cache-write]";
        JsonNode whole = json(messages("""
                {"model":"m","max_tokens":64,"messages":[{"role":"user","content":"%s"}]}""".formatted(content)))
                .path("usage");
        List<JsonNode> events = dataEvents(messages("""
                {"model":"m","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(content)).body());

        JsonNode start = events.getFirst().at("/message/usage");
        for (String field : List.of("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")) {
            assertEquals(whole.path(field).asInt(), start.path(field).asInt(), field + " at message_start");
        }
        assertEquals(whole.path("cache_creation"), start.path("cache_creation"), "the split by lifetime");
        JsonNode delta = events.get(events.size() - 2).path("usage");
        for (String field : List.of("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
                "output_tokens")) {
            assertEquals(whole.path(field).asInt(), delta.path(field).asInt(), field + " at message_delta");
        }
    }

    @Test
    void refusesWhatAnthropicRefuses() throws Exception {
        String ok = """
                {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
        assertEquals(401, http.post(AnthropicFormat.PATH, ok, "anthropic-version", "2023-06-01").statusCode(),
                "no key");
        HttpResponse<String> noVersion = http.post(AnthropicFormat.PATH, ok, "x-api-key", "sk-ant-test");
        assertEquals(400, noVersion.statusCode());
        assertTrue(json(noVersion).at("/error/message").asText().contains("anthropic-version"));
        assertEquals(400, messages("""
                {"model":"m","messages":[{"role":"user","content":"hi"}]}""").statusCode(), "max_tokens is required");
        HttpResponse<String> systemRole = messages("""
                {"model":"m","max_tokens":16,"messages":[{"role":"system","content":"x"},{"role":"user","content":"hi"}]}""");
        assertEquals(400, systemRole.statusCode(), "the system prompt goes at the top, not in messages");
        assertEquals("invalid_request_error", json(systemRole).at("/error/type").asText());
    }

    private static HttpResponse<String> messages(String body) throws Exception {
        return http.post(AnthropicFormat.PATH, body, "x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01");
    }
}
