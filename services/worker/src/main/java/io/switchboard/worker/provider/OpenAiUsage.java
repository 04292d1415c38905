package io.switchboard.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Usage in OpenAI's shape, the same from every provider: {@code prompt_tokens} includes cached prompt
 * tokens (also counted in {@code prompt_tokens_details.cached_tokens}), {@code completion_tokens} includes
 * reasoning tokens (also counted in {@code completion_tokens_details.reasoning_tokens}).
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    public static ObjectNode of(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return usage;
    }

    /**
     * An OpenAI-style usage object with every field above present: OpenAI-compatible servers often leave out
     * the details or the total. Other fields are kept.
     */
    public static ObjectNode normalized(JsonNode usage) {
        ObjectNode copy = usage.deepCopy();
        int prompt = usage.path("prompt_tokens").asInt();
        int completion = usage.path("completion_tokens").asInt();
        copy.put("prompt_tokens", prompt);
        copy.put("completion_tokens", completion);
        copy.put("total_tokens", usage.path("total_tokens").asInt(prompt + completion));
        ObjectNode promptDetails = copy.path("prompt_tokens_details").isObject()
                ? (ObjectNode) copy.get("prompt_tokens_details") : copy.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", promptDetails.path("cached_tokens").asInt());
        ObjectNode completionDetails = copy.path("completion_tokens_details").isObject()
                ? (ObjectNode) copy.get("completion_tokens_details") : copy.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", completionDetails.path("reasoning_tokens").asInt());
        return copy;
    }
}
