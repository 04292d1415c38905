package io.switchboard.worker.provider.anthropic;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiShapes;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * Anthropic's stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming) as OpenAI
 * chunks: {@code message_start} gives the role, each {@code text_delta} a piece of content, and
 * {@code message_delta} the finish reason and the final usage. A {@code tool_use} block becomes a tool call
 * of OpenAI's stream: its start gives the id and name, each {@code input_json_delta} a piece of the
 * arguments (OpenAI numbers calls from 0 among calls, Anthropic numbers blocks among all blocks). {@code ping},
 * other block boundaries and {@code message_stop} carry nothing OpenAI's chunks have.
 */
final class AnthropicStream implements StreamTranslator {

    private final long created = Instant.now().getEpochSecond();
    private String id;
    private String model;
    private JsonNode startUsage = JsonNodeFactory.instance.objectNode();
    private ProviderOutcome.Failed failure;
    /** Anthropic's block index of each tool_use block, to the OpenAI tool-call index it became. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    /** Tool calls whose input got no piece yet: an empty input still has to read as JSON ("{}"). */
    private final Set<Integer> withoutArguments = new HashSet<>();

    @Override
    public List<ObjectNode> translate(JsonNode event) {
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asText();
                model = message.path("model").asText();
                startUsage = message.path("usage");
                return List.of(OpenAiShapes.chunk(id, created, model, OpenAiShapes.roleDelta(), null));
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if ("tool_use".equals(block.path("type").asText())) {
                    int call = toolCalls.size();
                    toolCalls.put(event.path("index").asInt(), call);
                    withoutArguments.add(call);
                    return List.of(OpenAiShapes.chunk(id, created, model, OpenAiShapes.toolCallStartDelta(call,
                            block.path("id").asText(), block.path("name").asText()), null));
                }
                String text = block.path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(text(text));
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                return switch (delta.path("type").asText()) {
                    case "text_delta" -> List.of(text(delta.path("text").asText()));
                    case "input_json_delta" -> arguments(event.path("index").asInt(), delta.path("partial_json").asText());
                    default -> List.of();
                };
            }
            case "content_block_stop" -> {
                Integer call = toolCalls.get(event.path("index").asInt());
                return call != null && withoutArguments.contains(call) ? arguments(event.path("index").asInt(), "{}")
                        : List.of();
            }
            case "message_delta" -> {
                String finishReason = StopReasons.finishReason(event.path("delta").path("stop_reason").asText(null));
                return List.of(OpenAiShapes.chunk(id, created, model, JsonNodeFactory.instance.objectNode(), finishReason),
                        OpenAiShapes.usageChunk(id, created, model,
                                AnthropicUsage.of(event.path("usage"), startUsage).toOpenAi()));
            }
            case "error" -> {
                failure = AnthropicErrors.inStream(event);
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<ObjectNode> arguments(int block, String piece) {
        Integer call = toolCalls.get(block);
        if (call == null || piece.isEmpty()) {
            return List.of();
        }
        withoutArguments.remove(call);
        return List.of(OpenAiShapes.chunk(id, created, model, OpenAiShapes.toolArgumentsDelta(call, piece), null));
    }

    private ObjectNode text(String text) {
        return OpenAiShapes.chunk(id, created, model, OpenAiShapes.textDelta(text), null);
    }

    @Override
    public ProviderOutcome.Failed failure() {
        return failure;
    }
}
