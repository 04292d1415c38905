package io.switchboard.worker.provider.gemini;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiShapes;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * {@code streamGenerateContent?alt=sse} sends whole {@code GenerateContentResponse}s, each with the next
 * piece of text; the last one has the {@code finishReason} and the final {@code usageMetadata}. The stream
 * has no end marker: it ends when the body does. A {@code functionCall} part comes whole, so it becomes one
 * chunk with the call's id, name and all of its arguments.
 */
final class GeminiStream implements StreamTranslator {

    private final long created = Instant.now().getEpochSecond();
    private String id;
    private int toolCalls;
    private ProviderOutcome.Failed failure;

    @Override
    public List<ObjectNode> translate(JsonNode event) {
        if (event.has("error")) {
            failure = GeminiErrors.inStream(event);
            return List.of();
        }
        failure = GeminiResponses.blockedPrompt(event);
        if (failure != null) {
            return List.of();
        }
        String model = event.path("modelVersion").asText();
        List<ObjectNode> chunks = new ArrayList<>();
        if (id == null) {
            id = GeminiResponses.id(event);
            chunks.add(OpenAiShapes.chunk(id, created, model, OpenAiShapes.roleDelta(), null));
        }
        JsonNode candidate = event.path("candidates").path(0);
        String text = GeminiResponses.text(candidate);
        if (!text.isEmpty()) {
            chunks.add(OpenAiShapes.chunk(id, created, model, OpenAiShapes.textDelta(text), null));
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                int index = toolCalls++;
                chunks.add(OpenAiShapes.chunk(id, created, model, OpenAiShapes.toolCallStartDelta(index,
                        GeminiResponses.callId(call, index), call.path("name").asText()), null));
                chunks.add(OpenAiShapes.chunk(id, created, model,
                        OpenAiShapes.toolArgumentsDelta(index, GeminiResponses.arguments(call)), null));
            }
        }
        if (candidate.hasNonNull("finishReason")) {
            chunks.add(OpenAiShapes.chunk(id, created, model, JsonNodeFactory.instance.objectNode(),
                    GeminiResponses.finishReason(candidate.get("finishReason").asText(), toolCalls > 0)));
            chunks.add(OpenAiShapes.usageChunk(id, created, model,
                    GeminiResponses.usage(event.path("usageMetadata"))));
        }
        return chunks;
    }

    @Override
    public ProviderOutcome.Failed failure() {
        return failure;
    }
}
