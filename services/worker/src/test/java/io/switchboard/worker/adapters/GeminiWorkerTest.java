package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(GeminiWorkerTest.Gemini.class)
class GeminiWorkerTest extends AdapterContract {

    public static class Gemini extends AdapterProfile {
        public Gemini() {
            super("gemini");
        }
    }

    @Override
    String providerModel() {
        return "gemini-2.5-flash";
    }

    @Override
    void assertProviderFormat(JsonNode sent) {
        assertEquals(SYSTEM_PROMPT, sent.at("/systemInstruction/parts/0/text").asText());
        assertEquals(1, sent.path("contents").size(), sent.toString());
        assertEquals("user", sent.at("/contents/0/role").asText());
        assertTrue(sent.at("/contents/0/parts/0/text").asText().contains("Say hello"));
        assertEquals(MAX_TOKENS, sent.at("/generationConfig/maxOutputTokens").asInt());
        assertEquals(0.2, sent.at("/generationConfig/temperature").asDouble());
        assertTrue(sent.path("model").isMissingNode(), "the model is in the path");
    }
}
