package io.switchboard.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.billing.money.Money;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Golden cases: usage priced by the seeded catalog (from PostgreSQL, through the pricer's snapshot) against costs
 * worked out by hand from the providers' published prices, in each provider's token convention as the worker
 * normalizes it (prompt = every input token, cache reads and writes included; completion = every output token,
 * reasoning included). Prices are US dollars per million tokens, so N tokens at $p cost N × p / 1,000,000.
 */
@QuarkusTest
class PricingGoldenTest {

    private static final Instant IN_2026 = Instant.parse("2026-01-15T12:00:00Z");

    @Inject
    CatalogPricer pricer;

    // --- OpenAI: usage.prompt_tokens counts the cached tokens (prompt_tokens_details.cached_tokens) inside it ---

    @Test
    void openAiCacheReadIsPricedAtTheCachedPriceAndTheDifferenceIsSaved() {
        // gpt-4o: input $2.50, cached $1.25, output $10. prompt 10,000 of which 4,000 cached, completion 500.
        // uncached 6,000 × 2.50 / 1M = $0.015; cached 4,000 × 1.25 / 1M = $0.005; output 500 × 10 / 1M = $0.005.
        // saved by cache: 4,000 × (2.50 − 1.25) / 1M = $0.005.
        PricedUsage priced = pricer.price(usage("openai", "gpt-4o", 10_000, 500).withTokenDetails(4_000, 0, 0, 0));
        assertLines(priced, "0.015", "0.005", "0", "0.005", "0");
        assertEquals(Money.usd("0.025"), priced.total());
        assertEquals(Money.usd("0.005"), priced.savedByCache());
        assertEquals(Money.ZERO, priced.savedByBatch());
    }

    @Test
    void openAiBatchWithCacheTakesHalfOffEveryLine() {
        // gpt-4o-mini, batch 50 %: input 0.15 → 0.075, cached 0.075 → 0.0375, output 0.60 → 0.30.
        // prompt 2,000 of which 1,000 cached, completion 1,000.
        // uncached 1,000 × 0.075 / 1M = $0.000075; cached 1,000 × 0.0375 / 1M = $0.0000375;
        // output 1,000 × 0.30 / 1M = $0.0003; total $0.0004125.
        // list: 1,000 × 0.15 + 1,000 × 0.075 + 1,000 × 0.60 = 825 / 1M = $0.000825; saved by batch
        // 0.000825 − 0.0004125 = $0.0004125. saved by cache (at batch prices): 1,000 × (0.075 − 0.0375) / 1M
        // = $0.0000375.
        PricedUsage priced = pricer.price(batch(usage("openai", "gpt-4o-mini", 2_000, 1_000), 1_000, 0, 0, 0));
        assertLines(priced, "0.000075", "0.0000375", "0", "0.0003", "0");
        assertEquals(Money.usd("0.0004125"), priced.total());
        assertEquals(Money.usd("0.0004125"), priced.savedByBatch());
        assertEquals(Money.usd("0.0000375"), priced.savedByCache());
    }

    @Test
    void openAiReasoningWithoutItsOwnPriceIsPricedAsOutput() {
        // o4-mini: input $1.10, output $4.40, no reasoning price. completion 3,000 of which 2,500 reasoning
        // (completion_tokens_details.reasoning_tokens). input 1,000 × 1.10 / 1M = $0.0011;
        // output 500 × 4.40 / 1M = $0.0022; reasoning 2,500 × 4.40 / 1M = $0.011; total $0.0143.
        PricedUsage priced = pricer.price(usage("openai", "o4-mini", 1_000, 3_000).withTokenDetails(0, 0, 0, 2_500));
        assertLines(priced, "0.0011", "0", "0", "0.0022", "0.011");
        assertEquals(Money.usd("0.0143"), priced.total());
    }

    // --- Anthropic: input_tokens excludes cache_read_input_tokens and cache_creation_input_tokens; the worker
    // adds them into the prompt, and the 1-hour writes (cache_creation.ephemeral_1h_input_tokens) into the 1h part

    @Test
    void anthropicCacheWritesArePricedByLifetime() {
        // Claude Sonnet 4: input $3, 5-minute write $3.75, 1-hour write $6, output $15.
        // Anthropic reported input 1,000, cache creation 3,000 (1h: 2,000), output 200 → prompt 4,000.
        // input 1,000 × 3 / 1M = $0.003; writes 1,000 × 3.75 / 1M + 2,000 × 6 / 1M = 0.00375 + 0.012 = $0.01575;
        // output 200 × 15 / 1M = $0.003; total $0.02175.
        PricedUsage priced = pricer.price(
                usage("anthropic", "claude-sonnet-4-20250514", 4_000, 200).withTokenDetails(0, 3_000, 2_000, 0));
        assertLines(priced, "0.003", "0", "0.01575", "0.003", "0");
        assertEquals(Money.usd("0.02175"), priced.total());
        assertEquals(Money.ZERO, priced.savedByCache());
    }

    @Test
    void anthropicBatchStacksWithCacheReads() {
        // Claude Haiku 3.5, batch 50 %: input 0.80 → 0.40, cache read 0.08 → 0.04, output 4 → 2.
        // Anthropic reported input 500, cache read 10,000, output 1,000 → prompt 10,500, cached 10,000.
        // input 500 × 0.40 / 1M = $0.0002; cached 10,000 × 0.04 / 1M = $0.0004; output 1,000 × 2 / 1M = $0.002;
        // total $0.0026. list: 500 × 0.80 + 10,000 × 0.08 + 1,000 × 4 = 5,200 / 1M = $0.0052 → saved by batch
        // $0.0026. saved by cache: 10,000 × (0.40 − 0.04) / 1M = $0.0036.
        PricedUsage priced = pricer.price(
                batch(usage("anthropic", "claude-3-5-haiku-20241022", 10_500, 1_000), 10_000, 0, 0, 0));
        assertLines(priced, "0.0002", "0.0004", "0", "0.002", "0");
        assertEquals(Money.usd("0.0026"), priced.savedByBatch());
        assertEquals(Money.usd("0.0036"), priced.savedByCache());
    }

    @Test
    void anthropicLongContextAboveTheThresholdPricesTheWholeRequestHigher() {
        // Sonnet 4 over 200K prompt tokens (cache reads counted): input $6, cache read $0.60, output $22.50.
        // input 200,000 + cache read 50,000 = prompt 250,000; output 1,000.
        // input 200,000 × 6 / 1M = $1.2; cached 50,000 × 0.60 / 1M = $0.03; output 1,000 × 22.50 / 1M = $0.0225;
        // total $1.2525; saved by cache 50,000 × (6 − 0.60) / 1M = $0.27.
        PricedUsage priced = pricer.price(
                usage("anthropic", "claude-sonnet-4-20250514", 250_000, 1_000).withTokenDetails(50_000, 0, 0, 0));
        assertLines(priced, "1.2", "0.03", "0", "0.0225", "0");
        assertEquals(Money.usd("1.2525"), priced.total());
        assertEquals(Money.usd("0.27"), priced.savedByCache());
    }

    @Test
    void anthropicPromptExactlyAtTheThresholdKeepsTheBasePrice() {
        // 200,000 prompt tokens is not above 200K: input 200,000 × 3 / 1M = $0.6; output 1,000 × 15 / 1M = $0.015.
        PricedUsage priced = pricer.price(usage("anthropic", "claude-sonnet-4-20250514", 200_000, 1_000));
        assertLines(priced, "0.6", "0", "0", "0.015", "0");
    }

    // --- Gemini: promptTokenCount includes cachedContentTokenCount; candidatesTokenCount excludes
    // thoughtsTokenCount, which the worker adds into the completion as reasoning

    @Test
    void geminiLongContextWithThinkingAndCache() {
        // Gemini 2.5 Pro over 200K: input $2.50, cached $0.625, output (thinking included) $15.
        // prompt 300,000 of which 100,000 cached; candidates 500 + thoughts 1,500 = completion 2,000.
        // uncached 200,000 × 2.50 / 1M = $0.5; cached 100,000 × 0.625 / 1M = $0.0625;
        // output 500 × 15 / 1M = $0.0075; reasoning 1,500 × 15 / 1M = $0.0225; total $0.5925.
        // saved by cache 100,000 × (2.50 − 0.625) / 1M = $0.1875.
        PricedUsage priced = pricer.price(
                usage("gemini", "gemini-2.5-pro", 300_000, 2_000).withTokenDetails(100_000, 0, 0, 1_500));
        assertLines(priced, "0.5", "0.0625", "0", "0.0075", "0.0225");
        assertEquals(Money.usd("0.5925"), priced.total());
        assertEquals(Money.usd("0.1875"), priced.savedByCache());
    }

    @Test
    void geminiBelowTheThresholdUsesTheBasePrices() {
        // Gemini 2.5 Pro up to 200K: input $1.25, cached $0.31, output $10. prompt 150,000 of which 50,000 cached,
        // completion 1,000 of which 800 thinking.
        // uncached 100,000 × 1.25 / 1M = $0.125; cached 50,000 × 0.31 / 1M = $0.0155; output 200 × 10 / 1M = $0.002;
        // reasoning 800 × 10 / 1M = $0.008; saved by cache 50,000 × (1.25 − 0.31) / 1M = $0.047.
        PricedUsage priced = pricer.price(
                usage("gemini", "gemini-2.5-pro", 150_000, 1_000).withTokenDetails(50_000, 0, 0, 800));
        assertLines(priced, "0.125", "0.0155", "0", "0.002", "0.008");
        assertEquals(Money.usd("0.047"), priced.savedByCache());
    }

    @Test
    void geminiBatchWithCache() {
        // Gemini 2.5 Flash, batch 50 %: input 0.30 → 0.15, cached 0.075 → 0.0375, output 2.50 → 1.25.
        // prompt 4,000 of which 2,000 cached, completion 1,000.
        // uncached 2,000 × 0.15 / 1M = $0.0003; cached 2,000 × 0.0375 / 1M = $0.000075;
        // output 1,000 × 1.25 / 1M = $0.00125; total $0.001625. list 2,000 × 0.30 + 2,000 × 0.075 + 1,000 × 2.50
        // = 3,250 / 1M = $0.00325 → saved by batch $0.001625; saved by cache 2,000 × (0.15 − 0.0375) / 1M = $0.000225.
        PricedUsage priced = pricer.price(batch(usage("gemini", "gemini-2.5-flash", 4_000, 1_000), 2_000, 0, 0, 0));
        assertLines(priced, "0.0003", "0.000075", "0", "0.00125", "0");
        assertEquals(Money.usd("0.001625"), priced.savedByBatch());
        assertEquals(Money.usd("0.000225"), priced.savedByCache());
    }

    // --- the simulator's models (simulated prices)

    @Test
    void reasoningWithItsOwnPrice() {
        // sim-large: input $2, output $8, reasoning $10. completion 1,000 of which 600 reasoning.
        // input 1,000 × 2 / 1M = $0.002; output 400 × 8 / 1M = $0.0032; reasoning 600 × 10 / 1M = $0.006.
        PricedUsage priced = pricer.price(usage("simulator", "sim-large", 1_000, 1_000).withTokenDetails(0, 0, 0, 600));
        assertLines(priced, "0.002", "0", "0", "0.0032", "0.006");
        assertEquals(Money.usd("0.0112"), priced.total());
    }

    @Test
    void aResponseCacheHitCostsNothingAndSavesWhatItWouldHaveCost() {
        // sim-small: input $0.10, output $0.40. 1,000 × 0.10 / 1M + 100 × 0.40 / 1M = 0.0001 + 0.00004 = $0.00014.
        TokensUsed base = usage("simulator", "sim-small", 1_000, 100);
        TokensUsed hit = new TokensUsed(base.schemaVersion(), base.jobId(), base.tenantId(), base.model(),
                base.provider(), base.providerModel(), 1_000, 100, 1_100, 0, IN_2026, null, null, null, true);
        PricedUsage priced = pricer.price(hit);
        assertNotNull(priced.priceVersion());
        assertEquals(Money.ZERO, priced.total());
        assertEquals(Money.usd("0.00014"), priced.savedByCache());
        assertEquals(Money.ZERO, priced.savedByBatch());
    }

    @Test
    void anEventWithoutAProviderModelIsPricedByItsModel() {
        // events before contracts 0.4: sim-small by its alias. 1,000 × 0.10 / 1M = $0.0001.
        TokensUsed old = new TokensUsed(EventType.SCHEMA_VERSION, UUID.randomUUID().toString(), "t", "sim-small",
                "simulator", null, 1_000, 0, 1_000, 0, IN_2026);
        assertEquals(Money.usd("0.0001"), pricer.price(old).total());
    }

    private static void assertLines(PricedUsage priced, String input, String cachedInput, String cacheWrite,
            String output, String reasoning) {
        assertNotNull(priced.priceVersion(), "priced");
        assertEquals(Money.usd(input), priced.input(), "input");
        assertEquals(Money.usd(cachedInput), priced.cachedInput(), "cached input");
        assertEquals(Money.usd(cacheWrite), priced.cacheWrite(), "cache write");
        assertEquals(Money.usd(output), priced.output(), "output");
        assertEquals(Money.usd(reasoning), priced.reasoning(), "reasoning");
    }

    static TokensUsed usage(String provider, String providerModel, int prompt, int completion) {
        return usageAt(provider, providerModel, prompt, completion, IN_2026);
    }

    static TokensUsed usageAt(String provider, String providerModel, int prompt, int completion, Instant at) {
        return new TokensUsed(EventType.SCHEMA_VERSION, UUID.randomUUID().toString(), "tenant-golden", "alias",
                provider, providerModel, prompt, completion, prompt + completion, 10, at);
    }

    private static TokensUsed batch(TokensUsed u, int cached, int writes, int writes1h, int reasoning) {
        return new TokensUsed(u.schemaVersion(), u.jobId(), u.tenantId(), u.model(), u.provider(), u.providerModel(),
                u.promptTokens(), u.completionTokens(), u.totalTokens(), u.latencyMs(), u.occurredAt(), null, null,
                null, null, cached, writes, writes1h, reasoning, true, null);
    }
}
