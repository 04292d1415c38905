package io.switchboard.worker.provider.gemini;

import static io.switchboard.worker.provider.TestConfig.job;
import static io.switchboard.worker.provider.TestConfig.json;
import static io.switchboard.worker.provider.TestConfig.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.testing.OpenAiSpec;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderRequest;
import io.switchboard.worker.provider.StreamTranslator;
import io.switchboard.worker.provider.TestConfig;

/** Mapping to and from Gemini's generateContent, on payloads shaped as in Google's documentation. */
class GeminiAdapterTest {

    private final GeminiAdapter adapter = new GeminiAdapter(
            new TestConfig(ProviderConfig.Adapter.GEMINI, "https://generativelanguage.googleapis.com"), TestConfig.JSON);

    @Test
    void turnsBecomeContentsTheSystemPromptASystemInstructionAndTheLimitsAGenerationConfig() {
        ProviderRequest call = adapter.request(job("models/gemini-2.5-flash", request(100, 0.7,
                json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":\"object\"}}}"),
                ChatMessage.of("system", "Be terse."), ChatMessage.of("user", "Hi"),
                ChatMessage.of("assistant", "Hello"), ChatMessage.of("user", "Colours?"))), false, TestConfig.KEY);

        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                call.uri());
        assertEquals("test-key", call.headers().get("x-goog-api-key"));
        ObjectNode body = call.body();
        assertEquals("Be terse.", body.at("/systemInstruction/parts/0/text").asText());
        assertEquals(3, body.path("contents").size());
        assertEquals("model", body.at("/contents/1/role").asText());
        assertEquals("Colours?", body.at("/contents/2/parts/0/text").asText());
        assertEquals(100, body.at("/generationConfig/maxOutputTokens").asInt());
        assertEquals(0.7, body.at("/generationConfig/temperature").asDouble());
        assertEquals("application/json", body.at("/generationConfig/responseMimeType").asText());
        assertEquals("object", body.at("/generationConfig/responseJsonSchema/type").asText());
        assertTrue(adapter.request(job("gemini-2.5-flash", request(null, null, null, ChatMessage.of("user", "x"))),
                true, TestConfig.KEY).uri().endsWith(":streamGenerateContent?alt=sse"));
    }

    @Test
    void anAnswerWithThinkingAndCacheHasItsUsageInOpenAisTerms() {
        ProviderOutcome outcome = adapter.answer(json("""
                {"candidates":[{"content":{"parts":[{"text":"Paris."}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":1200,"candidatesTokenCount":3,"totalTokenCount":1303,
                                  "cachedContentTokenCount":1024,"thoughtsTokenCount":100,
                                  "promptTokensDetails":[{"modality":"TEXT","tokenCount":1200}]},
                 "modelVersion":"gemini-2.5-flash","responseId":"mJ4kaKWKLfSxnvgP7vO4mQk"}"""));

        JsonNode completion = ((ProviderOutcome.Completed) outcome).completion();
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", completion);
        assertEquals("Paris.", completion.at("/choices/0/message/content").asText());
        assertEquals("stop", completion.at("/choices/0/finish_reason").asText());
        assertEquals("gemini-2.5-flash", completion.path("model").asText());
        JsonNode usage = completion.path("usage");
        assertEquals(1200, usage.path("prompt_tokens").asInt(), "promptTokenCount already includes the cache");
        assertEquals(1024, usage.at("/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(103, usage.path("completion_tokens").asInt(), "thinking counts as completion, as at OpenAI");
        assertEquals(100, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
        assertEquals(1303, usage.path("total_tokens").asInt());
    }

    @Test
    void aFunctionCallBecomesAToolCall() {
        JsonNode completion = ((ProviderOutcome.Completed) adapter.answer(json("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"name":"set_light_values","args":{"brightness":25,"color_temp":"warm"}}}],
                 "role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":10,"totalTokenCount":60},
                 "modelVersion":"gemini-2.5-flash"}"""))).completion();

        OpenAiSpec.assertConforms("CreateChatCompletionResponse", completion);
        assertEquals("tool_calls", completion.at("/choices/0/finish_reason").asText());
        assertEquals("set_light_values", completion.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertEquals(25, json(completion.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .path("brightness").asInt());
    }

    @Test
    void safetyStopsAndBlockedPromptsAreContentFilter() {
        JsonNode stopped = ((ProviderOutcome.Completed) adapter.answer(json("""
                {"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"SAFETY","index":0}],
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}""")))
                .completion();
        assertEquals("content_filter", stopped.at("/choices/0/finish_reason").asText());

        ProviderOutcome blocked = adapter.answer(json("""
                {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}"""));
        assertEquals("content_filter", ((ProviderOutcome.Failed) blocked).code());
        assertFalse(((ProviderOutcome.Failed) blocked).retryable());
    }

    @Test
    void streamedResponsesBecomeChunksWithTheFinishReasonAndUsageLastAtTheStreamsEnd() {
        StreamTranslator stream = adapter.streamTranslator();
        var first = stream.translate(json("""
                {"candidates":[{"content":{"parts":[{"text":"The"}],"role":"model"},"index":0}],
                 "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash","responseId":"r1"}"""));
        var last = stream.translate(json("""
                {"candidates":[{"content":{"parts":[{"text":" end."}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}],
                 "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13},
                 "modelVersion":"gemini-2.5-flash","responseId":"r1"}"""));

        var end = stream.end();

        assertEquals(2, first.size(), "the role, then the text");
        assertEquals("The", first.get(1).at("/choices/0/delta/content").asText());
        assertEquals(2, last.size(), "the text, then the finish reason");
        assertEquals("length", last.get(1).at("/choices/0/finish_reason").asText());
        assertEquals(1, end.size(), "the usage, once the stream has ended");
        assertEquals(13, end.get(0).at("/usage/total_tokens").asInt());
        first.forEach(chunk -> OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk));
        last.forEach(chunk -> OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk));
        end.forEach(chunk -> OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk));
    }

    @Test
    void errorsAreNormalizedAndRetryInfoIsHonouredWithoutRetryAfter() {
        ProviderOutcome.Failed limited = adapter.failure(429, json("""
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, project 1234567.",
                 "status":"RESOURCE_EXHAUSTED","details":[
                   {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},
                   {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36.5s"}]}}"""), null);
        assertEquals("rate_limit_exceeded", limited.code());
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(37), limited.retryAfter());
        assertFalse(limited.message().contains("project"), "the gateway's account stays private");

        ProviderOutcome.Failed tooLong = adapter.failure(400, json("""
                {"error":{"code":400,"message":"The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}"""),
                null);
        assertEquals("context_length_exceeded", tooLong.code());
        assertFalse(tooLong.retryable());

        ProviderOutcome.Failed badKey = adapter.failure(400, json("""
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""),
                null);
        assertEquals("provider_authentication_failed", badKey.code());
        assertEquals("The gateway could not authenticate with the provider.", badKey.message());

        ProviderOutcome.Failed overloaded = adapter.failure(503, json("""
                {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"""),
                null);
        assertEquals("provider_http_503", overloaded.code());
        assertTrue(overloaded.retryable());
    }
}
