package io.switchboard.worker.provider;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns one provider stream's events, in order, into OpenAI {@code chat.completion.chunk}s. The last chunks
 * carry the finish reason and then the usage (a chunk with no choices), as OpenAI sends them when
 * {@code stream_options.include_usage} is set, so one rebuild serves every provider.
 */
public interface StreamTranslator {

    /** The chunks one event (the JSON of an SSE {@code data:} line) comes to; often none. */
    List<ObjectNode> translate(JsonNode event);

    /**
     * The chunks only the stream's end can give, called once when the provider ended its stream normally: a
     * provider that repeats its usage on every event has the last word only then. None by default.
     */
    default List<ObjectNode> end() {
        return List.of();
    }

    /** The error the provider reported inside its stream, if it did; null otherwise. */
    ProviderOutcome.Failed failure();
}
