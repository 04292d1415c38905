package io.switchboard.simulator;

import static io.switchboard.simulator.SimulatorHttp.dataEvents;
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

import io.switchboard.testing.OpenAiSpec;

class AzureAndCompatibleFormatTest {

    private static final String AZURE = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";
    private static ProviderSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() throws Exception {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ofMillis(200), 2));
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void azureAnswersAnOpenAiCompletionForTheDeploymentWithContentFilterResults() throws Exception {
        HttpResponse<String> response = http.post(AZURE, """
                {"messages":[{"role":"user","content":"Hello Azure"}],"max_tokens":50}""", "api-key", "azure-key");

        assertEquals(200, response.statusCode());
        JsonNode body = json(response);
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", body);
        assertEquals("gpt-4o-prod", body.path("model").asText());
        assertEquals("safe", body.at("/prompt_filter_results/0/content_filter_results/hate/severity").asText());
        assertTrue(body.at("/choices/0/content_filter_results").isObject());
    }

    @Test
    void azureStreamsOpensWithThePromptFilterVerdictAlone() throws Exception {
        String body = http.post(AZURE, """
                {"messages":[{"role":"user","content":"stream"}],"stream":true}""", "api-key", "azure-key").body();

        List<JsonNode> chunks = dataEvents(body);
        assertEquals(0, chunks.getFirst().path("choices").size());
        assertTrue(chunks.getFirst().path("prompt_filter_results").isArray());
        assertEquals("", chunks.getFirst().path("id").asText());
        for (JsonNode chunk : chunks.subList(1, chunks.size())) {
            OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk);
        }
        assertTrue(body.endsWith("data: [DONE]\n\n"));
    }

    @Test
    void azureRateLimitsAndUnknownRoutesAnswerInAzuresOwnWords() throws Exception {
        HttpResponse<String> limited = http.post(AZURE, """
                {"messages":[{"role":"user","content":"[simulate:429]"}]}""", "api-key", "azure-key");
        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("429", json(limited).at("/error/code").asText());

        HttpResponse<String> noVersion = http.post("/openai/deployments/gpt-4o-prod/chat/completions", """
                {"messages":[{"role":"user","content":"hi"}]}""", "api-key", "azure-key");
        assertEquals(404, noVersion.statusCode(), "api-version is required");
        assertEquals(401, http.post(AZURE, """
                {"messages":[{"role":"user","content":"hi"}]}""").statusCode());
    }

    @Test
    void vllmNeedsNoKeyAndReportsUsageWithoutDetails() throws Exception {
        HttpResponse<String> response = http.post(VllmFormat.PATH, """
                {"model":"meta-llama/Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"hi"}]}""");

        assertEquals(200, response.statusCode());
        JsonNode usage = json(response).path("usage");
        assertTrue(usage.path("prompt_tokens").asInt() > 0);
        assertTrue(usage.path("prompt_tokens_details").isNull());
        assertTrue(usage.path("completion_tokens_details").isMissingNode());
    }

    @Test
    void vllmErrorsCarryTheStatusAsANumberAndSayContextLengthInWords() throws Exception {
        HttpResponse<String> response = http.post(VllmFormat.PATH, """
                {"model":"m","messages":[{"role":"user","content":"[simulate:context-length]"}]}""");

        assertEquals(400, response.statusCode());
        JsonNode body = json(response);
        assertEquals("error", body.path("object").asText());
        assertEquals(400, body.path("code").asInt());
        assertTrue(body.path("code").isNumber());
        assertTrue(body.path("message").asText().contains("maximum context length"));
    }
}
