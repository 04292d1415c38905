package io.switchboard.worker.provider.anthropic;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.Conversation;
import io.switchboard.worker.provider.OpenAiShapes;
import io.switchboard.worker.provider.ProviderAdapter;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderRequest;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, https://docs.anthropic.com/en/api/messages): the
 * system prompt goes apart, {@code max_tokens} is required, and the answer's content blocks, stop reason
 * and usage are mapped back to OpenAI's.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    // Anthropic's temperature runs from 0 to 1 where OpenAI's runs to 2; a hotter request gets Anthropic's hottest
    private static final double MAX_TEMPERATURE = 1.0;

    private final ProviderConfig config;
    private final ObjectMapper json;

    public AnthropicAdapter(ProviderConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public ProviderRequest request(JobDispatched job, boolean stream, Optional<String> apiKey) {
        ChatRequest request = job.request();
        Conversation conversation = Conversation.of(request);
        ObjectNode body = json.createObjectNode();
        body.put("model", job.providerModel());
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : config.defaultMaxTokens());
        String system = JsonInstruction.appendTo(conversation.system(), request.responseFormat());
        if (system != null) {
            body.put("system", system);
        }
        body.set("messages", AnthropicMessages.of(conversation.turns()));
        if (request.temperature() != null) {
            body.put("temperature", Math.min(request.temperature(), MAX_TEMPERATURE));
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.stop() != null) {
            body.set("stop_sequences", json.valueToTree(request.stop()));
        }
        if (request.hasTools()) {
            body.set("tools", AnthropicTools.tools(request.tools()));
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", AnthropicTools.choice(request.toolChoice()));
        }
        if (stream) {
            body.put("stream", true);
        }
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("anthropic-version", config.anthropicVersion());
        apiKey.ifPresent(key -> headers.put("x-api-key", key));
        return new ProviderRequest(config.baseUrl().replaceAll("/+$", "") + "/v1/messages", headers, body);
    }

    @Override
    public ProviderOutcome answer(JsonNode body) {
        if (body == null || !"message".equals(body.path("type").asText()) || !body.path("content").isArray()) {
            return ProviderFailures.invalidResponse(200);
        }
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = JsonNodeFactory.instance.arrayNode();
        for (JsonNode block : body.get("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> toolCalls.add(OpenAiShapes.toolCall(block.path("id").asText(),
                        block.path("name").asText(), block.path("input").toString()));
                default -> {
                    // thinking and server-tool blocks have no place in an OpenAI message
                }
            }
        }
        ObjectNode message = OpenAiShapes.assistantMessage(text.isEmpty() && !toolCalls.isEmpty() ? null
                : text.toString(), toolCalls);
        return new ProviderOutcome.Completed(OpenAiShapes.completion(body.path("id").asText(),
                Instant.now().getEpochSecond(), body.path("model").asText(), message,
                StopReasons.finishReason(body.path("stop_reason").asText(null)),
                AnthropicUsage.of(body.path("usage"), null).toOpenAi()));
    }

    @Override
    public ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        return AnthropicErrors.failure(status, body, retryAfter);
    }

    @Override
    public StreamTranslator streamTranslator() {
        return new AnthropicStream();
    }
}
