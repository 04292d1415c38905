package io.switchboard.system;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prices usage from billing's seed catalog ({@code services/billing/src/main/resources/prices/catalog.json}) on its
 * own, as the billing README states the rules, so that the reconciliation checks billing's pricing rather than
 * repeating it: nothing of billing's code is used. Amounts are picodollars (10⁻¹² USD) as exact {@link BigDecimal}s;
 * nothing is rounded.
 *
 * <p>The rules: the version of {@code (provider, provider_model)} whose {@code effective_from} is the latest at or
 * before the usage's {@code occurred_at}; uncached input = prompt − cached − cache writes at {@code input};
 * cached at {@code cached_input} (else {@code input}); 5-minute cache writes at {@code cache_write_5m} (else
 * {@code input}), 1-hour ones at {@code cache_write_1h} (else the 5-minute price); plain output = completion −
 * reasoning at {@code output}; reasoning at {@code reasoning} (else {@code output}); a prompt above the long-context
 * threshold takes the tier's prices for the whole request; a batch takes the discount off every line. A
 * response-cache hit costs nothing and saves what it would have cost.
 */
final class CatalogPrices {

    /** $1 per million tokens is 10⁶ picodollars per token. */
    private static final BigDecimal PICO_PER_TOKEN_PER_DOLLAR_PER_MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One usage's cost and savings in picodollars; {@code version} is null when no price was in force. */
    record Priced(String version, BigDecimal cost, BigDecimal savedByCache, BigDecimal savedByBatch) {

        static final Priced UNPRICED = new Priced(null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        boolean priced() {
            return version != null;
        }
    }

    /** The token counts of one usage event, as {@code TokensUsed} carries them (parts inside their wholes). */
    record Tokens(long prompt, long cached, long cacheWrite, long cacheWrite1h, long completion, long reasoning) {
    }

    private record Rates(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
            BigDecimal output, BigDecimal reasoning) {

        static Rates of(JsonNode prices) {
            BigDecimal input = perToken(prices.get("input"));
            BigDecimal output = perToken(prices.get("output"));
            BigDecimal write5m = prices.has("cache_write_5m") ? perToken(prices.get("cache_write_5m")) : input;
            return new Rates(input, prices.has("cached_input") ? perToken(prices.get("cached_input")) : input, write5m,
                    prices.has("cache_write_1h") ? perToken(prices.get("cache_write_1h")) : write5m, output,
                    prices.has("reasoning") ? perToken(prices.get("reasoning")) : output);
        }

        private static BigDecimal perToken(JsonNode dollarsPerMillion) {
            return new BigDecimal(dollarsPerMillion.asText()).multiply(PICO_PER_TOKEN_PER_DOLLAR_PER_MILLION);
        }

        BigDecimal cost(Tokens tokens) {
            long uncached = tokens.prompt() - tokens.cached() - tokens.cacheWrite();
            long write5m = tokens.cacheWrite() - tokens.cacheWrite1h();
            long plainOutput = tokens.completion() - tokens.reasoning();
            return input.multiply(BigDecimal.valueOf(uncached))
                    .add(cachedInput.multiply(BigDecimal.valueOf(tokens.cached())))
                    .add(cacheWrite5m.multiply(BigDecimal.valueOf(write5m)))
                    .add(cacheWrite1h.multiply(BigDecimal.valueOf(tokens.cacheWrite1h())))
                    .add(output.multiply(BigDecimal.valueOf(plainOutput)))
                    .add(reasoning.multiply(BigDecimal.valueOf(tokens.reasoning())));
        }
    }

    private record Version(String id, Instant effectiveFrom, Rates rates, Long longContextAbove, Rates longContext,
            BigDecimal batchDiscountPercent) {

        Priced price(Tokens tokens, boolean batch, boolean responseCacheHit) {
            Rates rates = longContextAbove != null && tokens.prompt() > longContextAbove ? longContext : this.rates;
            BigDecimal list = rates.cost(tokens);
            BigDecimal charged = batch ? discounted(list) : list;
            if (responseCacheHit) {
                return new Priced(id, BigDecimal.ZERO, charged, BigDecimal.ZERO);
            }
            BigDecimal cacheDiscount = rates.input().subtract(rates.cachedInput()).multiply(BigDecimal.valueOf(tokens.cached()));
            return new Priced(id, charged, batch ? discounted(cacheDiscount) : cacheDiscount, list.subtract(charged));
        }

        private BigDecimal discounted(BigDecimal amount) {
            return amount.multiply(HUNDRED.subtract(batchDiscountPercent)).divide(HUNDRED);
        }
    }

    private final Map<String, List<Version>> versionsByModel;

    private CatalogPrices(Map<String, List<Version>> versionsByModel) {
        this.versionsByModel = versionsByModel;
    }

    /** The seed catalog of the repository at {@code root}. */
    static CatalogPrices seed(Path root) throws Exception {
        JsonNode catalog = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(Files.readString(root.resolve("services/billing/src/main/resources/prices/catalog.json")));
        Map<String, List<Version>> versions = new HashMap<>();
        for (JsonNode entry : catalog.path("prices")) {
            JsonNode longContext = entry.get("long_context");
            boolean tiered = longContext != null && !longContext.isNull();
            String key = key(entry.path("provider").asText(), entry.path("provider_model").asText());
            Instant from = Instant.parse(entry.path("effective_from").asText());
            versions.computeIfAbsent(key, k -> new ArrayList<>()).add(new Version(key + "@" + from, from,
                    Rates.of(entry.path("prices")), tiered ? longContext.path("above_prompt_tokens").asLong() : null,
                    tiered ? Rates.of(longContext.path("prices")) : null,
                    new BigDecimal(entry.path("batch_discount_percent").asText("0"))));
        }
        versions.values().forEach(list -> list.sort(Comparator.comparing(Version::effectiveFrom)));
        return new CatalogPrices(versions);
    }

    /**
     * The price of one usage event ({@code TokensUsed} as JSON). The model is the provider's
     * ({@code provider_model}), or the alias for an event without one, as billing looks it up.
     */
    Priced price(JsonNode usage) {
        Optional<Version> version = versionAt(usage.path("provider").asText(), modelOf(usage),
                Instant.parse(usage.path("occurred_at").asText()));
        return version.map(v -> v.price(tokensOf(usage), usage.path("batch").asBoolean(),
                usage.path("cache_hit").asBoolean())).orElse(Priced.UNPRICED);
    }

    /** Whether the catalog has any price of the usage's model at all (whatever the time). */
    boolean covers(JsonNode usage) {
        return versionsByModel.containsKey(key(usage.path("provider").asText(), modelOf(usage)));
    }

    static Tokens tokensOf(JsonNode usage) {
        return new Tokens(usage.path("prompt_tokens").asLong(), usage.path("cached_tokens").asLong(),
                usage.path("cache_write_tokens").asLong(), usage.path("cache_write_1h_tokens").asLong(),
                usage.path("completion_tokens").asLong(), usage.path("reasoning_tokens").asLong());
    }

    static String modelOf(JsonNode usage) {
        String providerModel = usage.path("provider_model").asText("");
        return providerModel.isEmpty() ? usage.path("model").asText() : providerModel;
    }

    private Optional<Version> versionAt(String provider, String model, Instant at) {
        Version found = null;
        for (Version version : versionsByModel.getOrDefault(key(provider, model), List.of())) {
            if (!version.effectiveFrom().isAfter(at)) {
                found = version; // sorted by start: the last one started is in force
            }
        }
        return Optional.ofNullable(found);
    }

    private static String key(String provider, String model) {
        return provider + "/" + model;
    }
}
