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
 * piece of text and the {@code usageMetadata} so far; one has the {@code finishReason}. The stream has no end
 * marker: it ends when the body does, and only then is the last {@code usageMetadata} known to be the final
 * one, so the usage chunk comes at the end. A {@code functionCall} part comes whole, so it becomes one
 * chunk with the call's id, name and all of its arguments.
 */
final class GeminiStream implements StreamTranslator {

    private final long created = Instant.now().getEpochSecond();
    private String id;
    private int toolCalls;
    private String model = "";
    private boolean finished;
    private JsonNode usageMetadata;
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
        model = event.path("modelVersion").asText(model);
        if (event.path("usageMetadata").isObject()) {
            usageMetadata = event.get("usageMetadata");
        }
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
            finished = true;
            chunks.add(OpenAiShapes.chunk(id, created, model, JsonNodeFactory.instance.objectNode(),
                    GeminiResponses.finishReason(candidate.get("finishReason").asText(), toolCalls > 0)));
        }
        return chunks;
    }

    /** The usage chunk, from the last {@code usageMetadata} the stream sent, once the answer finished. */
    @Override
    public List<ObjectNode> end() {
        if (!finished) {
            return List.of();
        }
        return List.of(OpenAiShapes.usageChunk(id, created, model,
                GeminiResponses.usage(usageMetadata == null ? JsonNodeFactory.instance.objectNode() : usageMetadata)));
    }

    @Override
    public ProviderOutcome.Failed failure() {
        return failure;
    }
}
