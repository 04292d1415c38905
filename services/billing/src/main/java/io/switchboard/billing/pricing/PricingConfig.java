package io.switchboard.billing.pricing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The price catalog's settings. */
@ConfigMapping(prefix = "switchboard.billing.pricing")
public interface PricingConfig {

    /**
     * How often each replica reloads the catalog from PostgreSQL. The replica that took an admin change reloads at
     * once; the others within this interval, so it bounds how long replicas may disagree. A new price for a model
     * already priced must take effect at least twice this interval ahead (see {@link NewPrice}), so every replica
     * holds it before its first event.
     */
    @WithDefault("15s")
    Duration refreshInterval();

    /** Seed the catalog from {@code prices/catalog.json} at start-up; idempotent across restarts and replicas. */
    @WithDefault("true")
    boolean seedOnStart();
}
