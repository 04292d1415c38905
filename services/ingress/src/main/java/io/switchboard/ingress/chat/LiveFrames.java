package io.switchboard.ingress.chat;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.ingress.api.ErrorBody;

/**
 * Turns relayed stream events into the Server-Sent Events OpenAI clients read: each provider chunk as
 * it came, the usage chunk only when the caller asked for it, then {@code data: [DONE]}. A stream that
 * broke off ends with an OpenAI error event instead, which the SDKs raise as an error.
 */
final class LiveFrames {

    private final ObjectMapper json;
    private final boolean includeUsage;

    LiveFrames(ObjectMapper json, boolean includeUsage) {
        this.json = json;
        this.includeUsage = includeUsage;
    }

    List<String> of(CompletionChunk event) {
        if (event.endsStream()) {
            return List.of(event.error() == null ? done()
                    : error(event.error().code(), event.error().message()));
        }
        JsonNode chunk = event.chunk();
        boolean usageOnly = chunk.path("choices").isEmpty() && chunk.has("usage");
        if (usageOnly && !includeUsage) {
            return List.of();
        }
        if (!includeUsage && chunk.has("usage") && chunk instanceof ObjectNode object) {
            // asked for by the worker, for billing: the caller did not ask to see it
            ObjectNode copy = object.deepCopy();
            copy.remove("usage");
            return List.of(data(copy.toString()));
        }
        return List.of(data(chunk.toString()));
    }

    String error(String code, String message) {
        try {
            return data(json.writeValueAsString(ErrorBody.of(message, "server_error", null, code)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String done() {
        return data("[DONE]");
    }

    static String data(String payload) {
        return "data: " + payload + "\n\n";
    }
}
