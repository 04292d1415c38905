package io.switchboard.worker.stream;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the {@code chat.completion} a provider streamed as {@code chat.completion.chunk}s, so a
 * streamed job is recorded, billed and evaluated exactly like one answered in one piece. Tool calls stream
 * as OpenAI's do: each call's first delta (at its {@code index}) brings its id and name, later deltas at the
 * same index bring further pieces of its arguments.
 */
public final class StreamedCompletion {

    private final ObjectMapper json;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private JsonNode first;
    private JsonNode usage;

    private static final class Choice {
        String role = "assistant";
        final StringBuilder content = new StringBuilder();
        final StringBuilder refusal = new StringBuilder();
        final Map<Integer, ToolCall> toolCalls = new TreeMap<>();
        String finishReason;
    }

    private static final class ToolCall {
        String id;
        String type = "function";
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    public StreamedCompletion(ObjectMapper json) {
        this.json = json;
    }

    public void add(JsonNode chunk) {
        if (first == null) {
            first = chunk;
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        for (JsonNode delta : chunk.path("choices")) {
            Choice choice = choices.computeIfAbsent(delta.path("index").asInt(0), index -> new Choice());
            JsonNode message = delta.path("delta");
            if (message.path("role").isTextual()) {
                choice.role = message.get("role").asText();
            }
            if (message.path("content").isTextual()) {
                choice.content.append(message.get("content").asText());
            }
            if (message.path("refusal").isTextual()) {
                choice.refusal.append(message.get("refusal").asText());
            }
            for (JsonNode piece : message.path("tool_calls")) {
                ToolCall call = choice.toolCalls.computeIfAbsent(piece.path("index").asInt(0), index -> new ToolCall());
                call.id = piece.path("id").asText(call.id);
                call.type = piece.path("type").asText(call.type);
                call.name = piece.at("/function/name").asText(call.name);
                call.arguments.append(piece.at("/function/arguments").asText(""));
            }
            if (delta.path("finish_reason").isTextual()) {
                choice.finishReason = delta.get("finish_reason").asText();
            }
        }
    }

    /** Whether every choice got its finish reason: the provider ended its answer, not merely its connection. */
    public boolean finished() {
        return !choices.isEmpty() && choices.values().stream().allMatch(choice -> choice.finishReason != null);
    }

    public ObjectNode completion() {
        ObjectNode completion = json.createObjectNode();
        completion.put("id", first.path("id").asText());
        completion.put("object", "chat.completion");
        completion.put("created", first.path("created").asLong());
        completion.put("model", first.path("model").asText());
        for (String optional : new String[] { "system_fingerprint", "service_tier" }) {
            if (first.hasNonNull(optional)) {
                completion.set(optional, first.get(optional));
            }
        }
        var array = completion.putArray("choices");
        choices.forEach((index, choice) -> {
            ObjectNode item = array.addObject();
            item.put("index", index);
            ObjectNode message = item.putObject("message");
            message.put("role", choice.role);
            if (choice.content.isEmpty() && !choice.toolCalls.isEmpty()) {
                message.putNull("content"); // as OpenAI answers a message that only calls tools
            } else {
                message.put("content", choice.content.toString());
            }
            if (choice.refusal.isEmpty()) {
                message.putNull("refusal");
            } else {
                message.put("refusal", choice.refusal.toString());
            }
            if (!choice.toolCalls.isEmpty()) {
                var calls = message.putArray("tool_calls");
                choice.toolCalls.values().forEach(call -> {
                    ObjectNode written = calls.addObject().put("id", call.id).put("type", call.type);
                    written.putObject("function").put("name", call.name).put("arguments", call.arguments.toString());
                });
            }
            item.putNull("logprobs");
            item.put("finish_reason", choice.finishReason);
        });
        if (usage != null) {
            completion.set("usage", usage);
        }
        return completion;
    }
}
