package io.switchboard.ingress.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a finished chat.completion as OpenAI's Server-Sent Events stream: a role chunk, the content,
 * the finish reason, the usage chunk when asked for, then {@code data: [DONE]}.
 */
final class CompletionChunks {

    private final ObjectMapper json;

    CompletionChunks(ObjectMapper json) {
        this.json = json;
    }

    String stream(JsonNode completion, boolean includeUsage) {
        StringBuilder events = new StringBuilder();
        JsonNode choice = completion.path("choices").path(0);
        String content = choice.path("message").path("content").asText("");
        event(events, chunk(completion, delta -> delta.put("role", "assistant").put("content", ""), null));
        if (!content.isEmpty()) {
            event(events, chunk(completion, delta -> delta.put("content", content), null));
        }
        event(events, chunk(completion, delta -> {
        }, choice.path("finish_reason").asText("stop")));
        if (includeUsage) {
            ObjectNode usage = base(completion);
            usage.putArray("choices");
            usage.set("usage", completion.path("usage"));
            event(events, usage);
        }
        events.append(LiveFrames.done());
        return events.toString();
    }

    private ObjectNode chunk(JsonNode completion, java.util.function.Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode chunk = base(completion);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode base(JsonNode completion) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", completion.path("id").asText());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", completion.path("created").asLong());
        chunk.put("model", completion.path("model").asText());
        if (completion.hasNonNull("system_fingerprint")) {
            chunk.put("system_fingerprint", completion.path("system_fingerprint").asText());
        }
        return chunk;
    }

    private void event(StringBuilder events, JsonNode data) {
        events.append(LiveFrames.data(data.toString()));
    }
}
