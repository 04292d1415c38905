package io.switchboard.worker.provider.openai;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.OpenAiUsage;
import io.switchboard.worker.provider.ProviderAdapter;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderRequest;
import io.switchboard.worker.provider.StreamTranslator;

/**
 * OpenAI's chat completions, our own format: the request goes as it came and the answer comes back as it
 * is, its usage completed. Also serves servers that copy the API (vLLM, Ollama, Together, Groq), whose
 * errors it reads leniently (see {@link OpenAiErrors}).
 */
public class OpenAiAdapter implements ProviderAdapter {

    private final ProviderConfig config;
    private final ObjectMapper json;
    private final String tokenLimitField;

    protected OpenAiAdapter(ProviderConfig config, ObjectMapper json, String tokenLimitField) {
        this.config = config;
        this.json = json;
        this.tokenLimitField = tokenLimitField;
    }

    /**
     * OpenAI itself, which takes {@code max_completion_tokens}: its older {@code max_tokens} is deprecated and
     * refused by its reasoning models.
     */
    public static OpenAiAdapter openAi(ProviderConfig config, ObjectMapper json) {
        return new OpenAiAdapter(config, json, "max_completion_tokens");
    }

    /** An OpenAI-compatible server: most know only {@code max_tokens}. */
    public static OpenAiAdapter compatible(ProviderConfig config, ObjectMapper json) {
        return new OpenAiAdapter(config, json, "max_tokens");
    }

    @Override
    public ProviderRequest request(JobDispatched job, boolean stream, Optional<String> apiKey) {
        ObjectNode body = body(job);
        if (stream) {
            body.put("stream", true);
            // usage is needed for billing whether or not the tenant asked to see it
            body.putObject("stream_options").put("include_usage", true);
        }
        return new ProviderRequest(uri(job), authentication(apiKey), body);
    }

    protected String uri(JobDispatched job) {
        return baseUrl() + "/chat/completions";
    }

    protected Map<String, String> authentication(Optional<String> apiKey) {
        Map<String, String> headers = new HashMap<>();
        apiKey.ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        return headers;
    }

    protected ObjectNode body(JobDispatched job) {
        ChatRequest request = job.request();
        ObjectNode body = json.createObjectNode();
        body.put("model", job.providerModel());
        body.set("messages", OpenAiMessages.of(request.messages()));
        if (request.maxTokens() != null) {
            body.put(tokenLimitField, request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.stop() != null) {
            body.set("stop", json.valueToTree(request.stop()));
        }
        if (request.hasTools()) {
            body.set("tools", request.tools());
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", request.toolChoice());
        }
        if (request.responseFormat() != null) {
            body.set("response_format", request.responseFormat());
        }
        return body;
    }

    protected final String baseUrl() {
        return config.baseUrl().replaceAll("/+$", "");
    }

    @Override
    public ProviderOutcome answer(JsonNode body) {
        if (body == null || !body.path("choices").isArray()) {
            return ProviderFailures.invalidResponse(200);
        }
        ObjectNode completion = body.deepCopy();
        if (body.path("usage").isObject()) {
            completion.set("usage", OpenAiUsage.normalized(body.get("usage")));
        }
        return new ProviderOutcome.Completed(completion);
    }

    @Override
    public ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        return OpenAiErrors.failure(status, body, retryAfter);
    }

    @Override
    public StreamTranslator streamTranslator() {
        return new OpenAiChunks();
    }
}
