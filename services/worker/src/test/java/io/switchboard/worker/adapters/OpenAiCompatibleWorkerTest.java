package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.TokensUsed;

/** Against the simulator's vLLM-style server: no key, usage without details, errors with numeric codes. */
@QuarkusTest
@TestProfile(OpenAiCompatibleWorkerTest.Compatible.class)
class OpenAiCompatibleWorkerTest extends AdapterContract {

    public static class Compatible extends AdapterProfile {
        public Compatible() {
            super("openai-compatible");
        }
    }

    @Override
    String providerModel() {
        return "meta-llama/Llama-3.1-8B-Instruct";
    }

    @Override
    void assertProviderFormat(JsonNode sent) {
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", sent.path("model").asText());
        assertEquals(MAX_TOKENS, sent.path("max_tokens").asInt(), "compatible servers know max_tokens");
        assertEquals("system", sent.at("/messages/0/role").asText());
    }

    /** vLLM reports neither: the fields are there all the same, at zero. */
    @Override
    void assertCachedAndReasoningTokens(JsonNode usage) {
        assertEquals(0, usage.at("/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(0, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    }

    /** vLLM reports neither cached nor reasoning tokens unless asked to at its start. */
    @Override
    void assertCacheAndReasoningParts(TokensUsed usage) {
        assertEquals(0, usage.cachedTokens());
        assertEquals(0, usage.cacheWriteTokens());
        assertEquals(0, usage.reasoningTokens());
    }

    @Override
    void assertToolConversationInProviderFormat(JsonNode sent) {
        assertOpenAiToolConversation(sent);
    }
}
