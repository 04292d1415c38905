package io.switchboard.billing.pricing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.money.Money;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Prices usage from an in-memory snapshot of the catalog, by the version in force at the usage's
 * {@code occurred_at} (a late event gets the price of its time). The snapshot is replaced whole, never changed:
 * after each admin change on this replica, and every refresh interval on all of them (see
 * {@link PriceCatalogRefresh}).
 *
 * <p>A usage is priced by its {@code provider} and {@code provider_model}, exactly: a route alias such as
 * {@code gpt-4o} may be served by another provider's model, so the alias is used only by an event without a
 * provider model (events before contracts 0.4), and a dated snapshot name is not matched to its family. A usage
 * with no price in force is {@link PricedUsage#unpriced()} and counted in {@code switchboard.billing.unpriced.usage},
 * never silently zero.
 */
@ApplicationScoped
public class CatalogPricer implements Pricer {

    static final String UNPRICED_METRIC = "switchboard.billing.unpriced.usage";

    private final PriceCatalog catalog;
    private final MeterRegistry registry;
    private final AtomicLong loadsStarted = new AtomicLong();
    private long installedLoad;
    private volatile PriceSnapshot snapshot;

    CatalogPricer(PriceCatalog catalog, MeterRegistry registry) {
        this.catalog = catalog;
        this.registry = registry;
    }

    /**
     * @throws IllegalStateException before the catalog was first loaded: the caller must retry later rather than
     *                               book the usage as unpriced
     */
    @Override
    public PricedUsage price(TokensUsed usage) {
        PriceSnapshot current = snapshot;
        if (current == null) {
            throw new IllegalStateException("the price catalog is not loaded yet");
        }
        String model = usage.providerModel() != null ? usage.providerModel() : usage.model();
        CompiledPrice price = current.inForce(usage.provider(), model, usage.occurredAt());
        if (price == null) {
            unpriced(usage.provider(), model).increment();
            return PricedUsage.unpriced();
        }
        return price.price(UsageTokens.of(usage));
    }

    /**
     * The worst case of a call to {@code provider}'s {@code providerModel} at the price in force at {@code at}, with the
     * batch discount for a job of the batch lane (see {@link CompiledPrice#worstCase}), or empty when the model has no
     * price then.
     *
     * @throws IllegalStateException before the catalog was first loaded
     */
    public Optional<Money> worstCase(String provider, String providerModel, long promptTokens, long completionTokens,
            boolean batch, Instant at) {
        PriceSnapshot current = snapshot;
        if (current == null) {
            throw new IllegalStateException("the price catalog is not loaded yet");
        }
        CompiledPrice price = current.inForce(provider, providerModel, at);
        return price == null ? Optional.empty() : Optional.of(price.worstCase(promptTokens, completionTokens, batch));
    }

    /** Loads the catalog and answers from it from then on; a load that began earlier never replaces a later one. */
    public Uni<Void> reload() {
        long load = loadsStarted.incrementAndGet();
        return catalog.all().invoke(versions -> install(load, PriceSnapshot.of(versions))).replaceWithVoid();
    }

    public boolean loaded() {
        return snapshot != null;
    }

    /** How many versions the snapshot holds; -1 before the first load. */
    public int versions() {
        PriceSnapshot current = snapshot;
        return current == null ? -1 : current.versions();
    }

    private synchronized void install(long load, PriceSnapshot loaded) {
        if (load > installedLoad) {
            installedLoad = load;
            snapshot = loaded;
        }
    }

    // tag values come from our own routes (providers and their models), so they are bounded
    private Counter unpriced(String provider, String providerModel) {
        return Counter.builder(UNPRICED_METRIC)
                .description("Usage events of a model with no price in force at their time: booked at an unknown cost")
                .tag("provider", provider)
                .tag("provider_model", providerModel)
                .register(registry);
    }
}
