package io.switchboard.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's usage convention, which Azure OpenAI and OpenAI-compatible servers share and which every provider's
 * usage is normalized to: {@code prompt_tokens} includes the cached prompt tokens (also counted in
 * {@code prompt_tokens_details.cached_tokens}), {@code completion_tokens} includes the reasoning tokens (also
 * counted in {@code completion_tokens_details.reasoning_tokens}).
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /**
     * What an OpenAI-style usage object reports. Compatible servers often leave out the details or the total:
     * missing details are none, and the total is always the prompt plus the completion.
     */
    public static ProviderUsage from(JsonNode usage) {
        return ProviderUsage.fromOpenAi(usage);
    }

    /**
     * The provider's usage object with every field of {@link ProviderUsage#toOpenAi()} present and agreeing with
     * {@link #from}; other fields the provider sent (audio tokens, predictions...) are kept.
     */
    public static ObjectNode normalized(JsonNode usage) {
        ObjectNode copy = usage.deepCopy();
        ObjectNode counts = from(usage).toOpenAi();
        copy.put("prompt_tokens", counts.get("prompt_tokens").asInt());
        copy.put("completion_tokens", counts.get("completion_tokens").asInt());
        copy.put("total_tokens", counts.get("total_tokens").asInt());
        details(copy, "prompt_tokens_details").setAll((ObjectNode) counts.get("prompt_tokens_details"));
        details(copy, "completion_tokens_details").setAll((ObjectNode) counts.get("completion_tokens_details"));
        return copy;
    }

    private static ObjectNode details(ObjectNode usage, String field) {
        return usage.path(field).isObject() ? (ObjectNode) usage.get(field) : usage.putObject(field);
    }
}
