package io.switchboard.worker.provider;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.TokensUsed;

/**
 * The tokens one provider call used, normalized to OpenAI's convention whatever the provider: {@code inputTokens}
 * is every prompt token (uncached, read from the prompt cache and written to it), {@code outputTokens} every
 * answer token (reasoning included); the other counts are parts of those two. Each adapter turns its provider's
 * report into this value in one place ({@link OpenAiUsage#from}, {@code AnthropicUsage}, {@code GeminiUsage}),
 * and both the {@code usage} the client reads ({@link #toOpenAi()}) and the {@link TokensUsed} billing reads
 * ({@link #toEvent}) are written from it, so the two cannot disagree.
 *
 * <p>A provider's part larger than its whole (a cached count above the prompt count) is believed only up to the
 * whole: billing must never see a part counted twice, and an event whose parts exceed their whole is refused.
 */
public record ProviderUsage(int inputTokens, int cachedTokens, int cacheWriteTokens, int cacheWrite1hTokens,
        int outputTokens, int reasoningTokens) {

    /** OpenAI has no field for cache writes; OpenRouter's name for them, and ours for the 1-hour ones, beside it. */
    static final String CACHE_WRITES = "cache_write_tokens";
    static final String CACHE_WRITES_1H = "cache_write_1h_tokens";

    public ProviderUsage {
        inputTokens = Math.max(0, inputTokens);
        outputTokens = Math.max(0, outputTokens);
        cachedTokens = within(cachedTokens, inputTokens);
        cacheWriteTokens = within(cacheWriteTokens, inputTokens - cachedTokens);
        cacheWrite1hTokens = within(cacheWrite1hTokens, cacheWriteTokens);
        reasoningTokens = within(reasoningTokens, outputTokens);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    /**
     * OpenAI's {@code usage}: {@code prompt_tokens_details.cached_tokens} and
     * {@code completion_tokens_details.reasoning_tokens} always; cache writes, which OpenAI never reports, only
     * when there were some, in {@code prompt_tokens_details.cache_write_tokens} (and
     * {@code cache_write_1h_tokens}), so that {@link #fromOpenAi} reads back exactly this value.
     */
    public ObjectNode toOpenAi() {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        usage.put("prompt_tokens", inputTokens);
        usage.put("completion_tokens", outputTokens);
        usage.put("total_tokens", totalTokens());
        ObjectNode prompt = usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        if (cacheWriteTokens > 0) {
            prompt.put(CACHE_WRITES, cacheWriteTokens).put(CACHE_WRITES_1H, cacheWrite1hTokens);
        }
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return usage;
    }

    /** The usage of a completion as {@link #toOpenAi()} wrote it (or as OpenAI reports it: the same fields). */
    public static ProviderUsage fromOpenAi(JsonNode usage) {
        JsonNode prompt = usage.path("prompt_tokens_details");
        return new ProviderUsage(usage.path("prompt_tokens").asInt(), prompt.path("cached_tokens").asInt(),
                prompt.path(CACHE_WRITES).asInt(), prompt.path(CACHE_WRITES_1H).asInt(),
                usage.path("completion_tokens").asInt(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asInt());
    }

    /** The usage event of the job's call: these counts, with the job's routing, lane and key id. */
    public TokensUsed toEvent(JobDispatched job, long latencyMs, Instant at) {
        return TokensUsed.of(job, inputTokens, outputTokens, totalTokens(), latencyMs, at)
                .withTokenDetails(cachedTokens, cacheWriteTokens, cacheWrite1hTokens, reasoningTokens);
    }

    /** The usage event of a job answered from the response cache: the counts of the call that filled it. */
    public TokensUsed toSavedByCache(JobDispatched job, long latencyMs, Instant at) {
        return TokensUsed.savedByCache(job, inputTokens, outputTokens, totalTokens(), latencyMs, at)
                .withTokenDetails(cachedTokens, cacheWriteTokens, cacheWrite1hTokens, reasoningTokens);
    }

    private static int within(int part, int whole) {
        return Math.min(Math.max(0, part), Math.max(0, whole));
    }
}
