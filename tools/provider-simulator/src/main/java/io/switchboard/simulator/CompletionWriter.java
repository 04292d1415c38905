package io.switchboard.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes OpenAI chat-completion objects and stream chunks. */
final class CompletionWriter {

    static final String SYSTEM_FINGERPRINT = "fp_switchboard_simulator";

    private final ObjectMapper json;

    CompletionWriter(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode completion(String id, long created, String model, SimulatedAnswer answer) {
        ObjectNode root = base(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (answer.callsTool()) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_" + answer.toolCall().id());
            call.put("type", "function");
            call.putObject("function").put("name", answer.toolCall().name())
                    .put("arguments", answer.toolCall().arguments().toString());
        } else {
            message.put("content", answer.reply());
        }
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(answer));
        root.set("usage", usage(answer));
        return root;
    }

    /**
     * The chunks of a streamed answer: the role, one chunk per piece, then the finish reason. A tool call
     * comes as OpenAI streams one: its id and name first, then its arguments piece by piece, all at
     * {@code index} 0 of {@code tool_calls}.
     */
    List<ObjectNode> chunks(String id, long created, String model, SimulatedAnswer answer) {
        List<ObjectNode> chunks = new java.util.ArrayList<>();
        if (answer.callsTool()) {
            SimulatedToolCall call = answer.toolCall();
            chunks.add(chunk(id, created, model, delta -> delta.put("role", "assistant").putNull("content"), null));
            chunks.add(chunk(id, created, model, delta -> delta.putArray("tool_calls").addObject().put("index", 0)
                    .put("id", "call_" + call.id()).put("type", "function").putObject("function")
                    .put("name", call.name()).put("arguments", ""), null));
            for (String piece : call.argumentPieces()) {
                chunks.add(chunk(id, created, model, delta -> delta.putArray("tool_calls").addObject().put("index", 0)
                        .putObject("function").put("arguments", piece), null));
            }
        } else {
            chunks.add(chunk(id, created, model, delta -> delta.put("role", "assistant").put("content", ""), null));
            for (String piece : answer.pieces()) {
                chunks.add(chunk(id, created, model, delta -> delta.put("content", piece), null));
            }
        }
        chunks.add(chunk(id, created, model, delta -> {
        }, finishReason(answer)));
        return chunks;
    }

    /** The last chunk when {@code stream_options.include_usage} is set: no choices, only usage. */
    ObjectNode usageChunk(String id, long created, String model, SimulatedAnswer answer) {
        ObjectNode root = base(id, "chat.completion.chunk", created, model);
        root.putArray("choices");
        root.set("usage", usage(answer));
        return root;
    }

    ObjectNode error(String message, String type, String param, String code) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }

    private static String finishReason(SimulatedAnswer answer) {
        if (answer.callsTool()) {
            return "tool_calls";
        }
        return answer.truncated() ? "length" : "stop";
    }

    private ObjectNode chunk(String id, long created, String model, java.util.function.Consumer<ObjectNode> delta,
            String finishReason) {
        ObjectNode root = base(id, "chat.completion.chunk", created, model);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private ObjectNode base(String id, String object, long created, String model) {
        ObjectNode root = json.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        root.put("system_fingerprint", SYSTEM_FINGERPRINT);
        root.put("service_tier", "default");
        return root;
    }

    private ObjectNode usage(SimulatedAnswer answer) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", answer.promptTokens());
        usage.put("completion_tokens", answer.completionTokens());
        usage.put("total_tokens", answer.promptTokens() + answer.completionTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", answer.cachedTokens()).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", answer.reasoningTokens())
                .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }
}
