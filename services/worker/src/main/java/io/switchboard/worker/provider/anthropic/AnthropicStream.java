package io.switchboard.worker.provider.anthropic;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiShapes;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * Anthropic's stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming) as OpenAI
 * chunks: {@code message_start} gives the role, each {@code text_delta} a piece of content, and
 * {@code message_delta} the finish reason and the final usage. {@code ping}, block boundaries and
 * {@code message_stop} carry nothing OpenAI's chunks have.
 */
final class AnthropicStream implements StreamTranslator {

    private final long created = Instant.now().getEpochSecond();
    private String id;
    private String model;
    private JsonNode startUsage = JsonNodeFactory.instance.objectNode();
    private ProviderOutcome.Failed failure;

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
                String text = event.path("content_block").path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(text(text));
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                return "text_delta".equals(delta.path("type").asText()) ? List.of(text(delta.path("text").asText()))
                        : List.of();
            }
            case "message_delta" -> {
                String finishReason = StopReasons.finishReason(event.path("delta").path("stop_reason").asText(null));
                return List.of(OpenAiShapes.chunk(id, created, model, JsonNodeFactory.instance.objectNode(), finishReason),
                        OpenAiShapes.usageChunk(id, created, model,
                                AnthropicUsage.toOpenAi(event.path("usage"), startUsage)));
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

    private ObjectNode text(String text) {
        return OpenAiShapes.chunk(id, created, model, OpenAiShapes.textDelta(text), null);
    }

    @Override
    public ProviderOutcome.Failed failure() {
        return failure;
    }
}
