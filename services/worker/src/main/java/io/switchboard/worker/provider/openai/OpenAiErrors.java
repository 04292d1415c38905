package io.switchboard.worker.provider.openai;

import java.time.Duration;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.worker.provider.ProviderFailures;
import io.switchboard.worker.provider.ProviderOutcome;

/**
 * Reads OpenAI-style error bodies: OpenAI's and Azure's {@code {"error":{"message","type","param","code"}}},
 * and what compatible servers send instead: vLLM puts the fields at the top with a numeric {@code code},
 * Ollama sends {@code {"error":"..."}}, Azure's own errors carry the HTTP status as {@code code}.
 */
final class OpenAiErrors {

    // vLLM, Together and others say it only in words: "This model's maximum context length is 4096 tokens..."
    private static final Pattern CONTEXT_LENGTH = Pattern.compile("(?i)maximum context length|context window");

    private OpenAiErrors() {
    }

    static ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter) {
        JsonNode root = body == null ? MissingNode.getInstance() : body;
        JsonNode error = root.path("error").isObject() ? root.get("error") : root;
        String message = root.path("error").isTextual() ? root.get("error").asText() : error.path("message").asText(null);
        return ProviderFailures.failed(status, code(error.path("code"), message), message, retryAfter);
    }

    private static String code(JsonNode code, String message) {
        String text = code.isTextual() && !code.asText().chars().allMatch(Character::isDigit) ? code.asText() : null;
        if ("DeploymentNotFound".equals(text)) {
            return ProviderFailures.MODEL_NOT_FOUND;
        }
        // OpenAI's safety system and Azure's content filter refusing the prompt: one code for tenants and routes
        if ("content_policy_violation".equals(text)) {
            return ProviderFailures.CONTENT_FILTER;
        }
        if (text == null && message != null && CONTEXT_LENGTH.matcher(message).find()) {
            return ProviderFailures.CONTEXT_LENGTH_EXCEEDED;
        }
        return text;
    }
}
