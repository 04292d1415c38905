package io.switchboard.worker.provider.anthropic;

import static io.switchboard.worker.provider.TestConfig.job;
import static io.switchboard.worker.provider.TestConfig.json;
import static io.switchboard.worker.provider.TestConfig.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

/** Mapping to and from Anthropic's Messages API, on payloads shaped as in Anthropic's documentation. */
class AnthropicAdapterTest {

    private final AnthropicAdapter adapter = new AnthropicAdapter(
            new TestConfig(ProviderConfig.Adapter.ANTHROPIC, "https://api.anthropic.com/"), TestConfig.JSON);

    @Test
    void systemPromptsGoToTheTopAndMaxTokensDefaultsWhenTheRequestHasNone() {
        ProviderRequest call = adapter.request(job("claude-sonnet-4-5", request(null, 1.6, null,
                ChatMessage.of("system", "Be terse."), ChatMessage.of("developer", "Answer in French."),
                ChatMessage.of("user", "Hi"), ChatMessage.of("assistant", "Salut"), ChatMessage.of("user", "Ça va?"))),
                false, TestConfig.KEY);

        assertEquals("https://api.anthropic.com/v1/messages", call.uri());
        assertEquals("test-key", call.headers().get("x-api-key"));
        assertEquals("2023-06-01", call.headers().get("anthropic-version"));
        ObjectNode body = call.body();
        assertEquals("Be terse.\n\nAnswer in French.", body.path("system").asText());
        assertEquals(3, body.path("messages").size());
        assertEquals("assistant", body.at("/messages/1/role").asText());
        assertEquals(4096, body.path("max_tokens").asInt());
        assertEquals(1.0, body.path("temperature").asDouble(), "Anthropic's temperature stops at 1");
        assertTrue(body.path("stream").isMissingNode());
        assertTrue(adapter.request(job("m", request(5, null, null, ChatMessage.of("user", "x"))), true, TestConfig.KEY).body()
                .path("stream").asBoolean());
    }

    @Test
    void aJsonResponseFormatBecomesAnInstructionInTheSystemPrompt() {
        ObjectNode body = adapter.request(job("m", request(10, null, json("{\"type\":\"json_object\"}"),
                ChatMessage.of("user", "List three colours"))), false, TestConfig.KEY).body();

        assertTrue(body.path("system").asText().contains("JSON object"));
    }

    @Test
    void aToolUseAnswerBecomesToolCallsWithCacheReadsAndWritesInPromptTokens() {
        ProviderOutcome outcome = adapter.answer(json("""
                {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"I'll check the weather."},
                            {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                             "input":{"location":"San Francisco, CA"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":2095,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                          "output_tokens":503}}"""));

        JsonNode completion = ((ProviderOutcome.Completed) outcome).completion();
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", completion);
        assertEquals("msg_01Aq9w938a90dw8q", completion.path("id").asText());
        assertEquals("tool_calls", completion.at("/choices/0/finish_reason").asText());
        assertEquals("I'll check the weather.", completion.at("/choices/0/message/content").asText());
        JsonNode call = completion.at("/choices/0/message/tool_calls/0");
        assertEquals("toolu_01A09q90qw90lq917835lq9", call.path("id").asText());
        assertEquals("get_weather", call.at("/function/name").asText());
        assertEquals("San Francisco, CA", json(call.at("/function/arguments").asText()).path("location").asText());
        assertEquals(3195, completion.at("/usage/prompt_tokens").asInt());
        assertEquals(1000, completion.at("/usage/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(503, completion.at("/usage/completion_tokens").asInt());
        assertEquals(3698, completion.at("/usage/total_tokens").asInt());
    }

    @Test
    void stopReasonsMapToOpenAisFinishReasons() {
        assertEquals("stop", StopReasons.finishReason("end_turn"));
        assertEquals("stop", StopReasons.finishReason("stop_sequence"));
        assertEquals("length", StopReasons.finishReason("max_tokens"));
        assertEquals("tool_calls", StopReasons.finishReason("tool_use"));
        assertEquals("content_filter", StopReasons.finishReason("refusal"));
    }

    @Test
    void theDocumentedStreamBecomesOpenAiChunksEndingWithFinishReasonAndUsage() {
        List<ObjectNode> chunks = translate(adapter.streamTranslator(),
                """
                {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}""",
                """
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
                """
                {"type":"ping"}""",
                """
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""",
                """
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}""",
                """
                {"type":"content_block_stop","index":0}""",
                """
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}""",
                """
                {"type":"message_stop"}""");

        assertEquals(5, chunks.size());
        chunks.forEach(chunk -> OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk));
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        assertEquals("Hello", chunks.get(1).at("/choices/0/delta/content").asText());
        assertEquals("!", chunks.get(2).at("/choices/0/delta/content").asText());
        assertEquals("stop", chunks.get(3).at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(4).path("usage");
        assertEquals(30, usage.path("prompt_tokens").asInt(), "input and cache reads from message_start");
        assertEquals(5, usage.at("/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(15, usage.path("completion_tokens").asInt(), "message_delta's count is the total");
    }

    @Test
    void anOverloadedErrorInsideAStreamIsARetryableFailure() {
        StreamTranslator stream = adapter.streamTranslator();
        translate(stream, """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        assertEquals("provider_http_529", stream.failure().code());
        assertTrue(stream.failure().retryable());
    }

    @Test
    void errorsAreNormalizedAndOnlyRequestErrorsKeepTheProvidersWords() {
        ProviderOutcome.Failed limited = adapter.failure(429, json("""
                {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (a1b2c3) of 50 input tokens per minute."}}"""),
                Duration.ofSeconds(7));
        assertEquals("rate_limit_exceeded", limited.code());
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter());
        assertFalse(limited.message().contains("organization"), "the gateway's account stays private");

        ProviderOutcome.Failed tooLong = adapter.failure(400, json("""
                {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}"""),
                null);
        assertEquals("context_length_exceeded", tooLong.code());
        assertFalse(tooLong.retryable());
        assertEquals("prompt is too long: 208310 tokens > 200000 maximum", tooLong.message());

        ProviderOutcome.Failed overloaded = adapter.failure(529, json("""
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""), null);
        assertTrue(overloaded.retryable());

        ProviderOutcome.Failed auth = adapter.failure(401, json("""
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""), null);
        assertEquals("provider_authentication_failed", auth.code());
        assertFalse(auth.retryable());

        assertEquals("model_not_found", adapter.failure(404, json("""
                {"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}"""), null).code());
        assertNull(adapter.failure(500, null, null).retryAfter());
    }

    private static List<ObjectNode> translate(StreamTranslator stream, String... events) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (String event : events) {
            chunks.addAll(stream.translate(json(event)));
        }
        return chunks;
    }
}
