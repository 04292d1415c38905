package io.switchboard.worker.provider.gemini;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.Conversation;
import io.switchboard.worker.provider.PathSegment;
import io.switchboard.worker.provider.ProviderAdapter;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderRequest;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * Google's Gemini API (https://ai.google.dev/api/generate-content): {@code generateContent}, or
 * {@code streamGenerateContent?alt=sse} for a stream. Turns become {@code contents} with roles
 * {@code user} and {@code model}, the system prompt {@code systemInstruction}, and the settings
 * {@code generationConfig}.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final ProviderConfig config;
    private final ObjectMapper json;

    public GeminiAdapter(ProviderConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public ProviderRequest request(JobDispatched job, boolean stream, Optional<String> apiKey) {
        String model = job.providerModel().startsWith("models/") ? job.providerModel().substring("models/".length())
                : job.providerModel();
        String uri = config.baseUrl().replaceAll("/+$", "") + "/v1beta/models/"
                + PathSegment.encode(model)
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        Map<String, String> headers = new HashMap<>();
        apiKey.ifPresent(key -> headers.put("x-goog-api-key", key));
        return new ProviderRequest(uri, headers, body(job.request()));
    }

    private ObjectNode body(ChatRequest request) {
        Conversation conversation = Conversation.of(request);
        ObjectNode body = json.createObjectNode();
        body.set("contents", GeminiContents.of(conversation.turns()));
        if (conversation.system() != null) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", conversation.system());
        }
        ObjectNode generation = json.createObjectNode();
        if (request.maxTokens() != null) {
            generation.put("maxOutputTokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            generation.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            generation.put("topP", request.topP());
        }
        if (request.stop() != null) {
            generation.set("stopSequences", json.valueToTree(request.stop()));
        }
        String format = request.responseFormatType();
        if ("json_object".equals(format) || "json_schema".equals(format)) {
            generation.put("responseMimeType", "application/json");
            JsonNode schema = request.responseFormat().path("json_schema").path("schema");
            if (schema.isObject()) {
                generation.set("responseJsonSchema", schema);
            }
        }
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        if (request.hasTools()) {
            body.set("tools", GeminiTools.tools(request.tools()));
        }
        if (request.toolChoice() != null) {
            body.set("toolConfig", GeminiTools.config(request.toolChoice()));
        }
        return body;
    }

    @Override
    public ProviderOutcome answer(JsonNode body) {
        return GeminiResponses.toCompletion(body);
    }

    @Override
    public ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        return GeminiErrors.failure(status, body, retryAfter);
    }

    @Override
    public StreamTranslator streamTranslator() {
        return new GeminiStream();
    }
}
