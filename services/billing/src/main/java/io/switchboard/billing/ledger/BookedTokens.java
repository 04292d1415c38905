package io.switchboard.billing.ledger;

import io.switchboard.contracts.events.TokensUsed;

/**
 * Every token count of a usage event as the ledger books it, and the two dimensions that come with the
 * usage shape (batch, API key). Cached and cache-write tokens are parts of the prompt tokens, reasoning
 * tokens part of the completion tokens, as the contract defines them.
 */
public record BookedTokens(long prompt, long completion, long total, long cached, long cacheWrite, long cacheWrite1h,
        long reasoning, boolean batch, String apiKeyId) {

    public static BookedTokens of(TokensUsed usage) {
        return new BookedTokens(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                orZero(usage.cachedTokens()), orZero(usage.cacheWriteTokens()), orZero(usage.cacheWrite1hTokens()),
                orZero(usage.reasoningTokens()), usage.inBatch(), usage.apiKeyId());
    }

    /** Events before contracts 0.12 carry no parts: none of their tokens were cached or reasoning. */
    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    long[] counts() {
        return new long[] { prompt, completion, total, cached, cacheWrite, cacheWrite1h, reasoning };
    }
}
