package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.TokensUsed;

@QuarkusTest
@TestProfile(AnthropicWorkerTest.Anthropic.class)
class AnthropicWorkerTest extends AdapterContract {

    public static class Anthropic extends AdapterProfile {
        public Anthropic() {
            super("anthropic");
        }
    }

    @Override
    String providerModel() {
        return "claude-sonnet-4-5";
    }

    @Override
    void assertProviderFormat(JsonNode sent) {
        assertEquals("claude-sonnet-4-5", sent.path("model").asText());
        assertEquals(SYSTEM_PROMPT, sent.path("system").asText(), "the system prompt goes at the top");
        assertEquals(1, sent.path("messages").size(), sent.toString());
        assertEquals("user", sent.at("/messages/0/role").asText());
        assertEquals(MAX_TOKENS, sent.path("max_tokens").asInt());
        assertEquals(0.2, sent.path("temperature").asDouble());
        assertTrue(sent.path("stream").isMissingNode());
    }

    /** Anthropic counts thinking in output_tokens without saying how much of it there was. */
    @Override
    void assertCachedAndReasoningTokens(JsonNode usage) {
        int cached = usage.at("/prompt_tokens_details/cached_tokens").asInt();
        assertTrue(cached > 0 && cached < usage.path("prompt_tokens").asInt(), usage.toString());
        assertEquals(0, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    }

    /** Anthropic reports cache writes, split by lifetime, and never reasoning apart from its output. */
    @Override
    void assertCacheAndReasoningParts(TokensUsed usage) {
        assertTrue(usage.cachedTokens() > 0, usage.toString());
        assertTrue(usage.cacheWriteTokens() > 0, usage.toString());
        assertTrue(usage.cachedTokens() + usage.cacheWriteTokens() < usage.promptTokens(), usage.toString());
        assertTrue(usage.cacheWrite1hTokens() > 0 && usage.cacheWrite1hTokens() < usage.cacheWriteTokens(),
                "some writes for an hour, the others for five minutes: " + usage);
        assertEquals(0, usage.reasoningTokens(), usage.toString());
    }

    /** Anthropic's streams always carry their usage. */
    @Override
    void assertStreamAskedForItsUsage(JsonNode sent) {
        assertTrue(sent.path("stream").asBoolean(), sent.toString());
    }

    @Override
    void assertToolConversationInProviderFormat(JsonNode sent) {
        assertEquals("lookup_weather", sent.at("/tools/0/name").asText(), sent.toString());
        assertEquals("object", sent.at("/tools/0/input_schema/type").asText(), "OpenAI's parameters as input_schema");
        assertEquals("auto", sent.at("/tool_choice/type").asText());
        assertEquals("END", sent.at("/stop_sequences/0").asText());
        JsonNode messages = sent.path("messages");
        assertEquals("tool_use", messages.at("/1/content/0/type").asText(), messages.toString());
        assertEquals("Paris", messages.at("/1/content/0/input/query").asText(), "arguments as an object");
        assertEquals("tool_result", messages.at("/2/content/0/type").asText());
        assertEquals("call_paris", messages.at("/2/content/0/tool_use_id").asText());
        assertEquals("user", messages.at("/2/role").asText());
        assertEquals("image", messages.at("/3/content/1/type").asText());
        assertEquals("image/png", messages.at("/3/content/1/source/media_type").asText());
        assertEquals(PICTURE_DATA, messages.at("/3/content/1/source/data").asText());
    }
}
