package io.switchboard.worker.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.worker.provider.ProviderUsage;

/**
 * Gemini's {@code usageMetadata} in OpenAI's convention. {@code promptTokenCount} already includes the cached
 * tokens ({@code cachedContentTokenCount}), as OpenAI's {@code prompt_tokens} does; the prompts of tool use
 * ({@code toolUsePromptTokenCount}) are counted apart and added to it. Thinking ({@code thoughtsTokenCount}) is
 * counted apart from {@code candidatesTokenCount}, where OpenAI counts it inside {@code completion_tokens}.
 * Gemini reports no cache writes: an explicit cache is created, and billed, on its own.
 * See https://ai.google.dev/api/generate-content#UsageMetadata.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    static ProviderUsage of(JsonNode metadata) {
        int thoughts = metadata.path("thoughtsTokenCount").asInt();
        return new ProviderUsage(
                metadata.path("promptTokenCount").asInt() + metadata.path("toolUsePromptTokenCount").asInt(),
                metadata.path("cachedContentTokenCount").asInt(), 0, 0,
                metadata.path("candidatesTokenCount").asInt() + thoughts, thoughts);
    }
}
