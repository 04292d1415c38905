package io.switchboard.billing.ledger;

import io.switchboard.billing.pricing.UsageTokens;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Every token count of a usage event as the ledger books it: the parts as pricing reads them ({@link UsageTokens}:
 * cached and cache-write tokens are parts of the prompt tokens, reasoning tokens part of the completion tokens, as
 * the contract defines them), the event's total, and the API key that comes with the usage shape.
 */
public record BookedTokens(UsageTokens parts, long total, String apiKeyId) {

    public static BookedTokens of(TokensUsed usage) {
        return new BookedTokens(UsageTokens.of(usage), usage.totalTokens(), usage.apiKeyId());
    }

    public boolean batch() {
        return parts.batch();
    }

    /** The counts in the ledger's column order, which the fingerprint of an entry also follows. */
    public long[] counts() {
        return new long[] { parts.promptTokens(), parts.completionTokens(), total, parts.cachedTokens(),
                parts.cacheWriteTokens(), parts.cacheWrite1hTokens(), parts.reasoningTokens() };
    }
}
