package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;

/** A worker configuration for adapter unit tests, and the jobs and JSON they map. */
public record TestConfig(Adapter adapter, String baseUrl) implements ProviderConfig {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The key adapter tests authenticate with. */
    public static final Optional<String> KEY = Optional.of("test-key");

    @Override
    public String provider() {
        return "test";
    }

    @Override
    public Optional<String> apiKey() {
        return Optional.of("test-key");
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public int maxAttempts() {
        return 4;
    }

    @Override
    public Duration retryBackoff() {
        return Duration.ofMillis(50);
    }

    @Override
    public Duration maxRetryBackoff() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration maxRetryAfter() {
        return Duration.ofSeconds(30);
    }

    @Override
    public int defaultMaxTokens() {
        return 4096;
    }

    @Override
    public String anthropicVersion() {
        return "2023-06-01";
    }

    @Override
    public String azureApiVersion() {
        return "2024-10-21";
    }

    public static JobDispatched job(String providerModel, ChatRequest request) {
        return new JobDispatched(1, "job_1", "acme", null, "test", providerModel, request, java.time.Instant.now());
    }

    public static ChatRequest request(Integer maxTokens, Double temperature, JsonNode responseFormat,
            ChatMessage... messages) {
        return new ChatRequest("alias", java.util.List.of(messages), maxTokens, temperature, responseFormat, null);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
