package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(AzureOpenAiWorkerTest.Azure.class)
class AzureOpenAiWorkerTest extends AdapterContract {

    public static class Azure extends AdapterProfile {
        public Azure() {
            super("azure-openai");
        }
    }

    @Override
    String providerModel() {
        return "gpt-4o-prod";
    }

    @Override
    void assertProviderFormat(JsonNode sent) {
        assertTrue(sent.path("model").isMissingNode(), "the deployment in the path decides the model");
        assertEquals("system", sent.at("/messages/0/role").asText());
        assertEquals(MAX_TOKENS, sent.path("max_tokens").asInt());
    }

    @Override
    void assertToolConversationInProviderFormat(JsonNode sent) {
        assertOpenAiToolConversation(sent);
    }
}
