package io.switchboard.billing.pricing;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One set of prices in US dollars per million tokens, as the providers quote them. Only input and output are
 * required; a missing price falls back to the one the provider charges in its place: cached input and a 5-minute
 * cache write to the input price (a provider without a caching discount or write charge bills them as input),
 * a 1-hour cache write to the 5-minute one, reasoning to the output price (every provider we know bills thinking
 * as output).
 */
public record Rates(
        BigDecimal input,
        BigDecimal cachedInput,
        @JsonProperty("cache_write_5m") BigDecimal cacheWrite5m,
        @JsonProperty("cache_write_1h") BigDecimal cacheWrite1h,
        BigDecimal output,
        BigDecimal reasoning) {

    /** Every price resolved, in whole picodollars per token. */
    TokenRates perToken() {
        long in = PerToken.of(input);
        long write5m = cacheWrite5m == null ? in : PerToken.of(cacheWrite5m);
        long out = PerToken.of(output);
        return new TokenRates(
                in,
                cachedInput == null ? in : PerToken.of(cachedInput),
                write5m,
                cacheWrite1h == null ? write5m : PerToken.of(cacheWrite1h),
                out,
                reasoning == null ? out : PerToken.of(reasoning));
    }
}
