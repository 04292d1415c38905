package io.switchboard.billing.pricing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the price catalog is in memory: before that, no usage can be priced. */
@Readiness
@ApplicationScoped
public class PriceCatalogReadiness implements HealthCheck {

    private final CatalogPricer pricer;

    PriceCatalogReadiness(CatalogPricer pricer) {
        this.pricer = pricer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("price-catalog")
                .status(pricer.loaded())
                .withData("versions", pricer.versions())
                .build();
    }
}
