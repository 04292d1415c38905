package io.switchboard.simulator;

import static io.switchboard.simulator.SimulatorHttp.dataEvents;
import static io.switchboard.simulator.SimulatorHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class GeminiFormatTest {

    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    private static ProviderSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() throws Exception {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ofMillis(200), 7));
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void answersACandidateWithFinishReasonAndUsageMetadata() throws Exception {
        HttpResponse<String> response = generate(GENERATE, """
                {"systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "contents":[{"role":"user","parts":[{"text":"Hello, Gemini"}]}],
                 "generationConfig":{"maxOutputTokens":200,"temperature":0.2}}""");

        assertEquals(200, response.statusCode());
        JsonNode body = json(response);
        JsonNode candidate = body.at("/candidates/0");
        assertEquals("model", candidate.at("/content/role").asText());
        assertTrue(candidate.at("/content/parts/0/text").asText().contains("Hello, Gemini"));
        assertEquals("STOP", candidate.path("finishReason").asText());
        JsonNode usage = body.path("usageMetadata");
        assertEquals(usage.path("promptTokenCount").asInt() + usage.path("candidatesTokenCount").asInt(),
                usage.path("totalTokenCount").asInt());
        assertEquals("gemini-2.5-flash", body.path("modelVersion").asText());
        assertFalse(body.path("responseId").asText().isEmpty());
    }

    @Test
    void answersJsonForResponseMimeTypeJson() throws Exception {
        JsonNode body = json(generate(GENERATE, """
                {"contents":[{"parts":[{"text":"json please"}]}],"generationConfig":{"responseMimeType":"application/json"}}"""));

        assertTrue(SimulatorHttp.JSON.readTree(body.at("/candidates/0/content/parts/0/text").asText())
                .path("simulated").asBoolean());
    }

    @Test
    void stopsAtMaxOutputTokensWithFinishReasonMaxTokens() throws Exception {
        JsonNode body = json(generate(GENERATE, """
                {"contents":[{"parts":[{"text":"Tell me a story"}]}],"generationConfig":{"maxOutputTokens":3}}"""));

        assertEquals("MAX_TOKENS", body.at("/candidates/0/finishReason").asText());
        assertEquals(3, body.at("/usageMetadata/candidatesTokenCount").asInt());
    }

    @Test
    void streamsResponsesAsSseWithTheFinishReasonAndUsageLast() throws Exception {
        HttpResponse<String> response = generate(STREAM, """
                {"contents":[{"role":"user","parts":[{"text":"stream it"}]}]}""");

        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        assertFalse(response.body().contains("[DONE]"), "Gemini's streams have no end marker");
        List<JsonNode> events = dataEvents(response.body());
        assertTrue(events.size() > 2);
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.at("/candidates/0/content/parts/0/text").asText()));
        assertTrue(text.toString().contains("stream it"));
        JsonNode last = events.getLast();
        assertEquals("STOP", last.at("/candidates/0/finishReason").asText());
        assertTrue(last.at("/usageMetadata/candidatesTokenCount").asInt() > 0);
        assertTrue(events.getFirst().at("/candidates/0/finishReason").isMissingNode());
    }

    @Test
    void streamsOneJsonArrayWithoutAltSse() throws Exception {
        JsonNode body = json(generate("/v1beta/models/gemini-2.5-flash:streamGenerateContent", """
                {"contents":[{"parts":[{"text":"as an array"}]}]}"""));

        assertTrue(body.isArray());
        assertEquals("STOP", body.get(body.size() - 1).at("/candidates/0/finishReason").asText());
    }

    @Test
    void rateLimitsWithResourceExhaustedAndRetryInfo() throws Exception {
        HttpResponse<String> response = generate(GENERATE, """
                {"contents":[{"parts":[{"text":"[simulate:429]"}]}]}""");

        assertEquals(429, response.statusCode());
        JsonNode error = json(response).path("error");
        assertEquals(429, error.path("code").asInt());
        assertEquals("RESOURCE_EXHAUSTED", error.path("status").asText());
        assertEquals("type.googleapis.com/google.rpc.RetryInfo", error.at("/details/0/@type").asText());
        assertEquals("7s", error.at("/details/0/retryDelay").asText());
    }

    @Test
    void overloadedIsUnavailableAndATooLongPromptAnInvalidArgument() throws Exception {
        HttpResponse<String> overloaded = generate(GENERATE, """
                {"contents":[{"parts":[{"text":"[simulate:overloaded]"}]}]}""");
        assertEquals(503, overloaded.statusCode());
        assertEquals("UNAVAILABLE", json(overloaded).at("/error/status").asText());

        HttpResponse<String> blocked = generate(GENERATE, """
                {"contents":[{"parts":[{"text":"[simulate:content-filter]"}]}]}""");
        assertEquals(200, blocked.statusCode(), "Gemini blocks a prompt in a 200 without candidates");
        assertEquals("SAFETY", json(blocked).at("/promptFeedback/blockReason").asText());
        assertTrue(json(blocked).path("candidates").isMissingNode());

        HttpResponse<String> tooLong = generate(GENERATE, """
                {"contents":[{"parts":[{"text":"[simulate:context-length]"}]}]}""");
        assertEquals(400, tooLong.statusCode());
        assertEquals("INVALID_ARGUMENT", json(tooLong).at("/error/status").asText());
        assertTrue(json(tooLong).at("/error/message").asText().contains("exceeds the maximum number of tokens"));
    }

    @Test
    void reportsCachedAndThinkingTokens() throws Exception {
        JsonNode usage = json(generate(GENERATE, """
                {"contents":[{"parts":[{"text":"think [simulate:usage-details]"}]}]}""")).path("usageMetadata");

        assertTrue(usage.path("cachedContentTokenCount").asInt() > 0);
        assertTrue(usage.path("thoughtsTokenCount").asInt() > 0);
        assertEquals(usage.path("promptTokenCount").asInt() + usage.path("candidatesTokenCount").asInt()
                + usage.path("thoughtsTokenCount").asInt(), usage.path("totalTokenCount").asInt());
    }

    @Test
    void refusesWhatGeminiRefuses() throws Exception {
        HttpResponse<String> noKey = http.post(GENERATE, """
                {"contents":[{"parts":[{"text":"hi"}]}]}""");
        assertEquals(403, noKey.statusCode());
        assertEquals("PERMISSION_DENIED", json(noKey).at("/error/status").asText());
        assertEquals(400, generate(GENERATE, "{\"contents\":[]}").statusCode());
        assertEquals(400, generate(GENERATE, """
                {"contents":[{"role":"assistant","parts":[{"text":"hi"}]}]}""").statusCode(), "roles are user and model");
        assertEquals(200, http.post(GENERATE + "?key=AIza-test", """
                {"contents":[{"parts":[{"text":"hi"}]}]}""").statusCode(), "the key may come as a query parameter");
    }

    private static HttpResponse<String> generate(String path, String body) throws Exception {
        return http.post(path, body, "x-goog-api-key", "AIza-test");
    }
}
