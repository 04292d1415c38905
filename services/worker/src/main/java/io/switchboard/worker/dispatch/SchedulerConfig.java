package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a worker queues the jobs it has taken from Kafka (see {@link FairQueue}). */
@ConfigMapping(prefix = "switchboard.worker.scheduler")
public interface SchedulerConfig {

    /** Provider calls under way at once, per worker replica. */
    @WithDefault("32")
    int maxInFlight();

    /** Jobs held waiting for their turn; fairness among tenants reaches this deep. */
    @WithDefault("10000")
    int buffer();

    /** Jobs read from the retry topic and held until their {@code not_before}; past this, reading pauses. */
    @WithDefault("10000")
    int maxHeldRetries();

    /**
     * How long a rebalance that takes partitions from this worker waits for their jobs being served to finish, so
     * that the new owner finds them finished rather than serving them again. Past it, the rebalance goes on.
     */
    @WithDefault("60s")
    Duration handoverWait();

    /** Share of a tenant relative to others in the same lane (jobs per round); tenants not named weigh 1. */
    Map<String, Integer> tenantWeights();
}
