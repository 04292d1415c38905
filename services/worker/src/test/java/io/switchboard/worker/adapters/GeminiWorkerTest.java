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

    /** Gemini's streams always carry usageMetadata: nothing to ask for, only the contents go in the body. */
    @Override
    void assertStreamAskedForItsUsage(JsonNode sent) {
        assertTrue(sent.path("contents").isArray(), sent.toString());
        assertTrue(sent.path("stream_options").isMissingNode(), "no OpenAI option in Gemini's body");
    }

    @Override
    void assertToolConversationInProviderFormat(JsonNode sent) {
        assertEquals("lookup_weather", sent.at("/tools/0/functionDeclarations/0/name").asText(), sent.toString());
        assertEquals("object", sent.at("/tools/0/functionDeclarations/0/parametersJsonSchema/type").asText());
        assertEquals("AUTO", sent.at("/toolConfig/functionCallingConfig/mode").asText());
        assertEquals("END", sent.at("/generationConfig/stopSequences/0").asText());
        JsonNode contents = sent.path("contents");
        assertEquals("model", contents.at("/1/role").asText(), contents.toString());
        assertEquals("Paris", contents.at("/1/parts/0/functionCall/args/query").asText());
        assertEquals("lookup_weather", contents.at("/2/parts/0/functionResponse/name").asText(),
                "named by the function its call named");
        assertEquals(21, contents.at("/2/parts/0/functionResponse/response/celsius").asInt());
        assertEquals("image/png", contents.at("/3/parts/1/inlineData/mimeType").asText());
        assertEquals(PICTURE_DATA, contents.at("/3/parts/1/inlineData/data").asText());
    }
}
