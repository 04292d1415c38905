package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reconciliation's own pricer against the seed catalog, each case worked out by hand from the catalog's prices
 * ($p per million tokens = p·10⁶ picodollars per token).
 */
class CatalogPricesTest {

    private static CatalogPrices prices;

    @BeforeAll
    static void readTheSeed() throws Exception {
        prices = CatalogPrices.seed(Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize());
    }

    @Test
    void cacheReadsAndBothCacheWritesArePricedApart() throws Exception {
        // sim-small: input 100,000, cached 25,000, write 5m 125,000, write 1h 200,000, output 400,000 pUSD/token
        // uncached 500 × 100,000 + cached 200 × 25,000 + 5m writes 200 × 125,000 + 1h writes 100 × 200,000
        // + output 50 × 400,000 = 50M + 5M + 25M + 20M + 20M
        CatalogPrices.Priced priced = prices.price(usage("simulator", "sim-small", "2026-12-05T10:00:00Z",
                1000, 200, 300, 100, 50, 0, false, false));
        assertEquals(0, new BigDecimal(120_000_000).compareTo(priced.cost()));
        assertEquals(0, new BigDecimal(15_000_000).compareTo(priced.savedByCache()), "200 × (100,000 − 25,000)");
        assertEquals(0, priced.savedByBatch().signum());
    }

    @Test
    void theBatchDiscountComesOffEveryLine() throws Exception {
        CatalogPrices.Priced priced = prices.price(usage("simulator", "sim-small", "2026-12-05T10:00:00Z",
                1000, 200, 300, 100, 50, 0, true, false));
        assertEquals(0, new BigDecimal(60_000_000).compareTo(priced.cost()), "half of 120M");
        assertEquals(0, new BigDecimal(7_500_000).compareTo(priced.savedByCache()), "the cache read's saving, halved");
        assertEquals(0, new BigDecimal(60_000_000).compareTo(priced.savedByBatch()));
    }

    @Test
    void aPromptAboveTheLongContextThresholdTakesTheTierForTheWholeRequest() throws Exception {
        // sim-large above 100,000 prompt tokens: input 4M, output 12M, reasoning 15M pUSD/token
        // 150,000 × 4M + (1,000 − 400) × 12M + 400 × 15M = 600,000M + 7,200M + 6,000M
        assertEquals(0, new BigDecimal(613_200_000_000L).compareTo(prices.price(usage("simulator", "sim-large",
                "2026-12-05T10:00:00Z", 150_000, 0, 0, 0, 1000, 400, false, false)).cost()));
        // exactly at the threshold: the base prices, input 2M, output 8M, reasoning 10M
        // 100,000 × 2M + 600 × 8M + 400 × 10M = 200,000M + 4,800M + 4,000M
        assertEquals(0, new BigDecimal(208_800_000_000L).compareTo(prices.price(usage("simulator", "sim-large",
                "2026-12-05T10:00:00Z", 100_000, 0, 0, 0, 1000, 400, false, false)).cost()));
    }

    @Test
    void reasoningWithoutAPriceOfItsOwnIsOutput() throws Exception {
        // o4-mini: input 1.10 → 1,100,000, output 4.40 → 4,400,000; 10 × 1.1M + 100 × 4.4M
        assertEquals(0, new BigDecimal(451_000_000).compareTo(prices.price(usage("openai", "o4-mini",
                "2026-12-05T10:00:00Z", 10, 0, 0, 0, 100, 60, false, false)).cost()));
    }

    @Test
    void aResponseCacheHitCostsNothingAndSavesItsPrice() throws Exception {
        // 10 × 100,000 + 5 × 400,000
        CatalogPrices.Priced priced = prices.price(usage("simulator", "sim-small", "2026-12-05T10:00:00Z",
                10, 0, 0, 0, 5, 0, false, true));
        assertEquals(0, priced.cost().signum());
        assertEquals(0, new BigDecimal(3_000_000).compareTo(priced.savedByCache()));
    }

    @Test
    void theVersionInForceAtTheEventsTimeIsUsed() throws Exception {
        JsonNode before = usage("openai", "gpt-4o", "2025-08-31T23:59:59Z", 10, 0, 0, 0, 10, 0, false, false);
        assertNull(prices.price(before).version(), "before the model's first price: unpriced, not guessed");
        assertTrue(prices.covers(before), "the model has a price, only not then");
        // 10 × 2.5M + 10 × 10M
        CatalogPrices.Priced at = prices.price(usage("openai", "gpt-4o", "2025-09-01T00:00:00Z", 10, 0, 0, 0, 10, 0,
                false, false));
        assertEquals(0, new BigDecimal(125_000_000).compareTo(at.cost()));
    }

    @Test
    void aModelWithoutAnyPriceIsNotCovered() throws Exception {
        JsonNode unknown = usage("simulator", "sim-unknown", "2026-12-05T10:00:00Z", 10, 0, 0, 0, 10, 0, false, false);
        assertFalse(prices.covers(unknown));
        assertFalse(prices.price(unknown).priced());
    }

    private static JsonNode usage(String provider, String model, String at, long prompt, long cached, long cacheWrite,
            long cacheWrite1h, long completion, long reasoning, boolean batch, boolean cacheHit) throws Exception {
        return new ObjectMapper().readTree("""
                {"tenant_id":"t","model":"alias","provider":"%s","provider_model":"%s","occurred_at":"%s",
                 "prompt_tokens":%d,"cached_tokens":%d,"cache_write_tokens":%d,"cache_write_1h_tokens":%d,
                 "completion_tokens":%d,"reasoning_tokens":%d,"total_tokens":%d,"batch":%b,"cache_hit":%b}"""
                .formatted(provider, model, at, prompt, cached, cacheWrite, cacheWrite1h, completion, reasoning,
                        prompt + completion, batch, cacheHit));
    }
}
