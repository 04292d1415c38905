package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Caps on what the LLM judge may spend, per judged tenant and overall; 0 means no cap. When one is reached, judge
 * sampling drops to the floor until its window ends, and one {@code BUDGET_EXHAUSTED} alert says so.
 */
@ConfigMapping(prefix = "switchboard.evaluator.judge.spend")
public interface SpendConfig {

    /** Judge tokens (prompt and completion) per UTC hour spent judging one tenant's results. */
    @WithDefault("0")
    long tokensPerHourPerTenant();

    /** Judge tokens per UTC hour over all tenants. */
    @WithDefault("0")
    long tokensPerHourOverall();

    /** Judge cost per UTC day, in the currency billing prices in, spent judging one tenant's results. */
    @WithDefault("0")
    BigDecimal costPerDayPerTenant();

    /** Judge cost per UTC day over all tenants. */
    @WithDefault("0")
    BigDecimal costPerDayOverall();

    /**
     * What a million judge tokens cost, in the currency billing prices in: turns the tokens each judge call reports
     * into the cost the daily caps count. 0 leaves the cost caps without anything to count.
     */
    @WithDefault("0.60")
    BigDecimal pricePerMillionTokens();

    /**
     * How often each replica re-reads the spend every replica recorded, to learn of caps reached elsewhere (a
     * replica learns of those its own records reach at once).
     */
    @WithDefault("5s")
    Duration refreshEvery();
}
