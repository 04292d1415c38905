package io.switchboard.billing.pricing;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Brings the catalog up and keeps every replica's snapshot fresh: at start-up the table is created, the seed file
 * applied and the snapshot loaded; then the snapshot is reloaded every refresh interval. If PostgreSQL cannot be
 * reached at start-up the service still starts (not ready) and the next refresh tries the whole start again.
 */
@ApplicationScoped
public class PriceCatalogRefresh {

    private static final Logger LOG = Logger.getLogger(PriceCatalogRefresh.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final PriceCatalog catalog;
    private final PriceSeed seed;
    private final CatalogPricer pricer;
    private final PricingConfig config;
    private volatile boolean started;

    PriceCatalogRefresh(PriceCatalog catalog, PriceSeed seed, CatalogPricer pricer, PricingConfig config) {
        this.catalog = catalog;
        this.seed = seed;
        this.pricer = pricer;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            startCatalog().await().atMost(START_TIMEOUT);
        } catch (RuntimeException failure) {
            LOG.errorf("the price catalog could not be loaded at start-up, retrying every %s: %s",
                    config.refreshInterval(), failure.toString());
        }
    }

    // delayed: the first run would otherwise race the start-up load
    @Scheduled(every = "${switchboard.billing.pricing.refresh-interval}",
            delayed = "${switchboard.billing.pricing.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Uni<Void> refresh = started ? pricer.reload() : startCatalog();
        return refresh.onFailure().invoke(failure -> LOG.warnf("the price catalog was not reloaded: %s",
                failure.toString())).onFailure().recoverWithNull();
    }

    private Uni<Void> startCatalog() {
        return catalog.ensureSchema()
                .flatMap(created -> config.seedOnStart() ? seed.run().replaceWithVoid() : Uni.createFrom().voidItem())
                .flatMap(seeded -> pricer.reload())
                .invoke(() -> started = true);
    }
}
