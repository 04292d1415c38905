package io.switchboard.billing.ledger;

import io.switchboard.contracts.events.TokensUsed;

/**
 * Every token count of a usage event as the ledger books it, and the two dimensions that come with the
 * usage shape (batch, API key). Cached and cache-write tokens are parts of the prompt tokens, reasoning
 * tokens part of the completion tokens, as the contract defines them.
 */
public record UsageTokens(long prompt, long completion, long total, long cached, long cacheWrite, long cacheWrite1h,
        long reasoning, boolean batch, String apiKeyId) {

    public static UsageTokens of(TokensUsed usage) {
        return new UsageTokens(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), 0, 0, 0, 0, false,
                null);
    }

    long[] counts() {
        return new long[] { prompt, completion, total, cached, cacheWrite, cacheWrite1h, reasoning };
    }
}
