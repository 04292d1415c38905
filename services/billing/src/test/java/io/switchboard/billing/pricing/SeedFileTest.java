package io.switchboard.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The seed file passes the API's checks and every real price cites its provider's own pricing page. */
class SeedFileTest {

    private static final Map<String, String> OFFICIAL_PAGES = Map.of(
            "openai", "https://platform.openai.com/docs/pricing",
            "anthropic", "https://docs.anthropic.com/en/docs/about-claude/pricing",
            "gemini", "https://ai.google.dev/gemini-api/docs/pricing");

    @Test
    void everyRealPriceCitesItsProvidersPricingPageAndWhenItWasRead() {
        List<NewPrice> entries = PriceSeed.entries();
        for (NewPrice entry : entries) {
            assertNotNull(entry.effectiveFrom(), entry.providerModel());
            assertNotNull(entry.readOn(), entry.providerModel());
            if (entry.simulated()) {
                assertEquals("simulator", entry.provider());
                assertTrue(entry.source().startsWith("simulated"), entry.source());
            } else {
                assertEquals(OFFICIAL_PAGES.get(entry.provider()), entry.source(), entry.providerModel());
            }
        }
    }

    @Test
    void theModelsAskedForAreAllThere() {
        Set<String> models = PriceSeed.entries().stream().map(e -> e.provider() + "/" + e.providerModel())
                .collect(Collectors.toSet());
        assertEquals(Set.of("openai/gpt-4o", "openai/gpt-4o-mini", "openai/o4-mini",
                "anthropic/claude-sonnet-4-20250514", "anthropic/claude-3-5-haiku-20241022",
                "gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash",
                "simulator/sim-small", "simulator/sim-large", "simulator/sim-judge", "simulator/sim-judge-first"),
                models);
    }
}
