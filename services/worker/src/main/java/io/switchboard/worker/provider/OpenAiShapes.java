package io.switchboard.worker.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAI objects adapters of other formats answer with: a one-choice {@code chat.completion} and
 * its {@code chat.completion.chunk}s, with every field OpenAI's schema requires.
 */
public final class OpenAiShapes {

    private OpenAiShapes() {
    }

    public static ObjectNode completion(String id, long created, String model, ObjectNode message, String finishReason,
            ObjectNode usage) {
        ObjectNode root = base(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage);
        return root;
    }

    /** An assistant message; {@code toolCalls} is left out when empty, as OpenAI does. */
    public static ObjectNode assistantMessage(String content, ArrayNode toolCalls) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        message.putNull("refusal");
        if (toolCalls != null && !toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    /** A function call as OpenAI puts it in {@code tool_calls}: the arguments are a JSON string. */
    public static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** A chunk of the only choice; {@code finishReason} null while the answer goes on. */
    public static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode root = base(id, "chat.completion.chunk", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    public static ObjectNode textDelta(String text) {
        return JsonNodeFactory.instance.objectNode().put("content", text);
    }

    /** The first delta of a streamed tool call: which one ({@code index}), its id and name, no arguments yet. */
    public static ObjectNode toolCallStartDelta(int index, String id, String name) {
        ObjectNode delta = JsonNodeFactory.instance.objectNode();
        delta.putArray("tool_calls").addObject().put("index", index).put("id", id).put("type", "function")
                .putObject("function").put("name", name).put("arguments", "");
        return delta;
    }

    /** A further piece of the arguments (JSON text, cut anywhere) of the streamed tool call at {@code index}. */
    public static ObjectNode toolArgumentsDelta(int index, String piece) {
        ObjectNode delta = JsonNodeFactory.instance.objectNode();
        delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", piece);
        return delta;
    }

    /** The first delta of an answer: the role, no text yet. */
    public static ObjectNode roleDelta() {
        return JsonNodeFactory.instance.objectNode().put("role", "assistant").put("content", "");
    }

    /** The last chunk: no choices, only the usage. */
    public static ObjectNode usageChunk(String id, long created, String model, ObjectNode usage) {
        ObjectNode root = base(id, "chat.completion.chunk", created, model);
        root.putArray("choices");
        root.set("usage", usage);
        return root;
    }

    private static ObjectNode base(String id, String object, long created, String model) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }
}
