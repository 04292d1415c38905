package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

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
}
