package io.switchboard.billing.usage;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tenant's usage as the internal API returns it; the ingress hands it to the tenant unchanged. */
public record UsageList(String object, String tenantId, List<Entry> data) {

    /**
     * One model within one hour; {@code hour} is the ISO-8601 start of the UTC hour. Token counts and cost
     * exclude jobs answered from the response cache, which count in {@code cache_hits}, {@code saved_tokens}
     * and {@code saved_usd}. Amounts are US dollars, the exact sums as {@code Money.shown} shows them (six decimals,
     * half to even).
     */
    public record Entry(String model, String hour, long promptTokens, long completionTokens, long totalTokens,
            long requests, long cacheHits, long savedTokens, long cachedTokens, long cacheWriteTokens,
            @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens, long reasoningTokens, long unpricedRequests, BigDecimal costUsd,
            BigDecimal savedUsd) {
    }

    static UsageList of(String tenantId, List<Entry> entries) {
        return new UsageList("list", tenantId, entries);
    }
}
