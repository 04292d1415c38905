package io.switchboard.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.worker.provider.ProviderUsage;

/**
 * Anthropic's usage in OpenAI's convention. Anthropic counts cache reads ({@code cache_read_input_tokens}) and
 * cache writes ({@code cache_creation_input_tokens}) apart from {@code input_tokens}, so the prompt is their
 * sum; the writes split by lifetime in {@code cache_creation} ({@code ephemeral_5m_input_tokens},
 * {@code ephemeral_1h_input_tokens}; without it, every write is a 5-minute one). Thinking is inside
 * {@code output_tokens} and never counted apart, so no reasoning tokens are reported.
 * See https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance.
 */
final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /**
     * @param usage   the latest usage Anthropic sent: a message's, or a stream's {@code message_delta}'s (its counts
     *                are cumulative, its output count the final one)
     * @param earlier usage sent before it in the same stream ({@code message_start}'s), for the counts the latest
     *                one leaves out (the input counts in older API versions, the split of cache writes always);
     *                null for an answer in one piece
     */
    static ProviderUsage of(JsonNode usage, JsonNode earlier) {
        int input = count("input_tokens", usage, earlier);
        int cacheRead = count("cache_read_input_tokens", usage, earlier);
        int cacheWrite = count("cache_creation_input_tokens", usage, earlier);
        JsonNode split = usage.path("cache_creation").isObject() || earlier == null ? usage.path("cache_creation")
                : earlier.path("cache_creation");
        int oneHour = split.path("ephemeral_1h_input_tokens").asInt();
        return new ProviderUsage(input + cacheRead + cacheWrite, cacheRead, cacheWrite, oneHour,
                count("output_tokens", usage, earlier), 0);
    }

    private static int count(String field, JsonNode usage, JsonNode earlier) {
        if (usage.path(field).isNumber()) {
            return usage.get(field).asInt();
        }
        return earlier == null ? 0 : earlier.path(field).asInt();
    }
}
