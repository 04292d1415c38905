package io.switchboard.billing.pricing;

import static io.switchboard.billing.pricing.PricingGoldenTest.usageAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.money.Money;

/**
 * Versions in PostgreSQL and the pricer's choice among them: the version in force at the usage's time, a new
 * version closing the open one, seeding that adds nothing twice and never overwrites the admin. Each test prices
 * its own made-up model, so tests share the catalog without seeing each other.
 */
@QuarkusTest
class PriceVersionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");

    @Inject
    PriceCatalog catalog;

    @Inject
    PriceSeed seed;

    @Inject
    CatalogPricer pricer;

    @Inject
    MeterRegistry registry;

    @Test
    void theVersionInForceAtTheEventTimeIsUsedUpToTheBoundary() {
        String model = newModel();
        PriceVersion old = await(catalog.add(price(model, FIRST, "1")));
        Instant change = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        PriceVersion current = await(catalog.add(price(model, change, "2")));
        await(pricer.reload());

        // 1,000 input tokens at $1 / 1M = $0.001 under the old version, at $2 / 1M = $0.002 under the new
        PricedUsage justBefore = pricer.price(usageAt("testco", model, 1_000, 0, change.minusNanos(1_000)));
        PricedUsage exactlyAt = pricer.price(usageAt("testco", model, 1_000, 0, change));
        assertEquals(old.id(), justBefore.priceVersion());
        assertEquals(Money.usd("0.001"), justBefore.total());
        assertEquals(current.id(), exactlyAt.priceVersion());
        assertEquals(Money.usd("0.002"), exactlyAt.total());
    }

    @Test
    void aLateEventIsPricedAtTheOldPrice() {
        String model = newModel();
        PriceVersion old = await(catalog.add(price(model, FIRST, "1")));
        await(catalog.add(price(model, Instant.now().plus(Duration.ofMinutes(5)), "2")));
        await(pricer.reload());

        // an event of last June arriving now
        PricedUsage late = pricer.price(usageAt("testco", model, 1_000, 0, Instant.parse("2025-06-30T23:59:59Z")));
        assertEquals(old.id(), late.priceVersion());
        assertEquals(Money.usd("0.001"), late.total());
    }

    @Test
    void aNewVersionClosesTheOpenOneAtItsStartAndNothingElseChanges() {
        String model = newModel();
        PriceVersion first = await(catalog.add(price(model, FIRST, "1")));
        Instant change = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        PriceVersion second = await(catalog.add(price(model, change, "3")));

        List<PriceVersion> versions = await(catalog.find("testco", model, null));
        assertEquals(2, versions.size());
        assertEquals(first.id(), versions.get(0).id());
        assertEquals(change, versions.get(0).effectiveTo());
        assertEquals(0, versions.get(0).prices().input().compareTo(first.prices().input()), "old price kept");
        assertEquals(second.id(), versions.get(1).id());
        assertNull(versions.get(1).effectiveTo());
    }

    @Test
    void aChangeThatWouldRewriteHistoryOrOutrunTheReplicasIsRefused() {
        String model = newModel();
        await(catalog.add(price(model, FIRST, "1")));
        InvalidRequest backdated = assertThrows(InvalidRequest.class,
                () -> await(catalog.add(price(model, Instant.parse("2024-06-01T00:00:00Z"), "2"))));
        assertEquals("effective_from", backdated.param());
        InvalidRequest tooSoon = assertThrows(InvalidRequest.class,
                () -> await(catalog.add(price(model, Instant.now().plusSeconds(1), "2"))));
        assertTrue(tooSoon.getMessage().contains("ahead"), tooSoon.getMessage());
        assertEquals(1, await(catalog.find("testco", model, null)).size());
    }

    @Test
    void aChangeMadeElsewhereIsPickedUpWithinTheRefreshInterval() {
        // catalog.add is what another replica's admin API does: it reloads that replica, not this one, so only
        // the periodic refresh can bring the new model here
        String model = newModel();
        await(catalog.add(price(model, FIRST, "1")));
        // refresh-interval is 15 s (application.properties)
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> pricer.price(usageAt("testco", model, 1_000, 0, Instant.now())).priced());
    }

    @Test
    void seedingTwiceAddsNothing() {
        int before = await(catalog.all()).size();
        assertEquals(0, await(seed.run()), "the start-up already seeded every entry");
        assertEquals(0, await(seed.run()));
        assertEquals(before, await(catalog.all()).size());
    }

    @Test
    void twoReplicasSeedingAtOnceAddOneVersion() {
        String model = newModel();
        NewPrice entry = price(model, FIRST, "1");
        List<Optional<PriceVersion>> results = await(Uni.join().all(catalog.seed(entry), catalog.seed(entry),
                catalog.seed(entry)).andFailFast());
        assertEquals(1, results.stream().filter(Optional::isPresent).count());
        assertEquals(1, await(catalog.find("testco", model, null)).size());
    }

    @Test
    void aSeededPriceTheAdminChangedIsNotOverwritten() {
        String model = newModel();
        NewPrice seeded = price(model, FIRST, "1");
        assertTrue(await(catalog.seed(seeded)).isPresent());
        PriceVersion admins = await(catalog.add(price(model, Instant.now().plus(Duration.ofHours(1)), "5")));

        assertFalse(await(catalog.seed(seeded)).isPresent());
        List<PriceVersion> versions = await(catalog.find("testco", model, null));
        assertEquals(2, versions.size());
        assertEquals(admins.id(), versions.get(1).id());
        assertNull(versions.get(1).effectiveTo(), "the admin's version stays the open one");
    }

    @Test
    void anUnknownModelIsUnpricedAndCounted() {
        String model = newModel();
        double before = unpricedCount(model);
        PricedUsage priced = pricer.price(usageAt("testco", model, 1_000, 10, Instant.now()));
        assertFalse(priced.priced());
        assertEquals(Money.ZERO, priced.total());
        assertEquals(before + 1, unpricedCount(model));
    }

    @Test
    void anEventBeforeTheFirstVersionIsUnpriced() {
        String model = newModel();
        await(catalog.add(price(model, FIRST, "1")));
        await(pricer.reload());
        assertFalse(pricer.price(usageAt("testco", model, 1_000, 0, FIRST.minusMillis(1))).priced());
        assertEquals(1, unpricedCount(model));
    }

    private double unpricedCount(String model) {
        Counter counter = registry.find(CatalogPricer.UNPRICED_METRIC)
                .tags("provider", "testco", "provider_model", model).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String newModel() {
        return "test-" + UUID.randomUUID();
    }

    /** A test model's price: {@code input} per million input tokens, output free. */
    static NewPrice price(String model, Instant from, String input) {
        return new NewPrice("testco", model, from,
                new Rates(new BigDecimal(input), null, null, null, BigDecimal.ZERO, null), null, 0,
                "test", null, true, null);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
