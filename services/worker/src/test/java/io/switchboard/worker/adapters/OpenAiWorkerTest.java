package io.switchboard.worker.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The default adapter, in the same application as {@code DispatchHandlerTest} (provider {@code simulator},
 * its global {@code SimulatedProvider} resource), so that it costs no restart.
 */
@QuarkusTest
class OpenAiWorkerTest extends AdapterContract {

    @Override
    String providerModel() {
        return "sim-small";
    }

    @Override
    void assertProviderFormat(JsonNode sent) {
        assertEquals("sim-small", sent.path("model").asText());
        assertEquals(MAX_TOKENS, sent.path("max_completion_tokens").asInt(), "OpenAI's current name for the limit");
        assertTrue(sent.path("max_tokens").isMissingNode());
        assertEquals("system", sent.at("/messages/0/role").asText());
    }

    @Override
    void assertToolConversationInProviderFormat(JsonNode sent) {
        assertOpenAiToolConversation(sent);
    }
}
