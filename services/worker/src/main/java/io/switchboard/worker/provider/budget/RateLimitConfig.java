package io.switchboard.worker.provider.budget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How replicas share each key's budget in Redis (see {@link KeyBudget}). */
@ConfigMapping(prefix = "switchboard.worker.rate-limit")
public interface RateLimitConfig {

    /** Longest a call waits for budget before its job fails with {@code rate_limit_exceeded}. */
    @WithDefault("2m")
    Duration maxWait();

    /** The window the per-minute limits count over. */
    @WithDefault("60s")
    Duration window();

    /**
     * Kept on top of the window: a provider starts counting when a call arrives, a little after it was
     * reserved here, so a reservation leaves our window a little later than the call leaves the provider's.
     */
    @WithDefault("500ms")
    Duration windowMargin();
}
