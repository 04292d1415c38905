package io.switchboard.worker.provider.openai;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiUsage;
import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * OpenAI chunks pass as they are, their usage completed. Azure opens its streams with a chunk that has
 * neither choices nor usage, only its prompt filter's verdict (and an empty id and model): that one is not
 * part of the answer and is dropped. An error sent inside the stream ends it as a server failure.
 */
final class OpenAiChunks implements StreamTranslator {

    private ProviderOutcome.Failed failure;

    @Override
    public List<ObjectNode> translate(JsonNode event) {
        if (event.has("error")) {
            failure = OpenAiErrors.failure(500, event, null);
            return List.of();
        }
        boolean usage = event.path("usage").isObject();
        if (event.path("choices").isEmpty() && !usage) {
            return List.of();
        }
        ObjectNode chunk = event.deepCopy();
        if (usage) {
            chunk.set("usage", OpenAiUsage.normalized(event.get("usage")));
        }
        return List.of(chunk);
    }

    @Override
    public ProviderOutcome.Failed failure() {
        return failure;
    }
}
