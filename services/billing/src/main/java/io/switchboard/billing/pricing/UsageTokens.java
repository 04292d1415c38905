package io.switchboard.billing.pricing;

import io.switchboard.contracts.events.TokensUsed;

/**
 * One usage's tokens split the way they are priced. The counts follow the usage event's convention (normalized
 * by the worker for every provider): the prompt counts all input tokens, those read from the provider's cache and
 * those written to it included; the completion counts all output, reasoning included.
 *
 * @param cacheWrite1hTokens of the cache writes, those kept for an hour; the rest are kept five minutes
 */
public record UsageTokens(
        long promptTokens,
        long cachedTokens,
        long cacheWriteTokens,
        long cacheWrite1hTokens,
        long completionTokens,
        long reasoningTokens,
        boolean batch,
        boolean servedFromCache) {

    public UsageTokens {
        if (promptTokens < 0 || cachedTokens < 0 || cacheWriteTokens < 0 || cacheWrite1hTokens < 0
                || completionTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (cachedTokens + cacheWriteTokens > promptTokens || cacheWrite1hTokens > cacheWriteTokens
                || reasoningTokens > completionTokens) {
            throw new IllegalArgumentException("token counts are inconsistent: cached " + cachedTokens
                    + " + cache writes " + cacheWriteTokens + " of prompt " + promptTokens + ", 1-hour writes "
                    + cacheWrite1hTokens + ", reasoning " + reasoningTokens + " of completion " + completionTokens);
        }
    }

    /** The event's counts; the parts an event before contracts 0.12 lacks are zero. */
    public static UsageTokens of(TokensUsed usage) {
        return new UsageTokens(usage.promptTokens(), orZero(usage.cachedTokens()), orZero(usage.cacheWriteTokens()),
                orZero(usage.cacheWrite1hTokens()), usage.completionTokens(), orZero(usage.reasoningTokens()),
                usage.inBatch(), usage.servedFromCache());
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    long uncachedInputTokens() {
        return promptTokens - cachedTokens - cacheWriteTokens;
    }

    long cacheWrite5mTokens() {
        return cacheWriteTokens - cacheWrite1hTokens;
    }

    long plainOutputTokens() {
        return completionTokens - reasoningTokens;
    }
}
