package io.switchboard.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.worker.provider.OpenAiUsage;

/**
 * Anthropic counts cache reads and cache writes apart from {@code input_tokens}; OpenAI's
 * {@code prompt_tokens} counts every prompt token and names the cached ones in
 * {@code prompt_tokens_details.cached_tokens}.
 */
final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /**
     * @param usage   the latest usage Anthropic sent
     * @param earlier usage sent before it in the same stream ({@code message_start}'s), for the counts the
     *                latest one leaves out; null for an answer in one piece
     */
    static ObjectNode toOpenAi(JsonNode usage, JsonNode earlier) {
        int input = count("input_tokens", usage, earlier);
        int cacheRead = count("cache_read_input_tokens", usage, earlier);
        int cacheWrite = count("cache_creation_input_tokens", usage, earlier);
        int output = count("output_tokens", usage, earlier);
        return OpenAiUsage.of(input + cacheRead + cacheWrite, output, cacheRead, 0);
    }

    private static int count(String field, JsonNode usage, JsonNode earlier) {
        if (usage.path(field).isNumber()) {
            return usage.get(field).asInt();
        }
        return earlier == null ? 0 : earlier.path(field).asInt();
    }
}
