package io.switchboard.billing.analytics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The analysts' topics: priced usage, hourly rollups and the closing of hours. */
@ConfigMapping(prefix = "switchboard.billing.analytics")
public interface AnalyticsConfig {

    /**
     * Whether each booked entry is queued for {@code switchboard.usage.priced.v1}. Off, the flush writes no outbox row
     * (nothing is queued meanwhile, so turning it on later publishes only what is booked from then on).
     */
    @WithDefault("true")
    boolean pricedUsage();

    /** How often each replica drains the two outboxes to their topics (replicas share the work). */
    @WithDefault("1s")
    String publishInterval();

    /**
     * How long the drain leaves an outbox row to the flush that queued it for publishing straight from memory after
     * its commit ({@link PricedUsagePublisher#publishBooked}): past it, the row is taken as its flush's replica having
     * died or failed to publish, and drained. Far longer than a publish takes (milliseconds), so that the drain sends
     * an entry twice only after a real failure.
     */
    @WithDefault("PT1M")
    Duration directPublishGrace();

    /** How often each replica looks for hours to close; {@code off} in tests, which close hours when they choose. */
    @WithDefault("30s")
    String closeInterval();

    /**
     * How long after its end an hour is closed and its rollups published: usage booked later is an adjustment. Long
     * enough for the ledger's usual lag (seconds), short enough for analysts' hourly reports.
     */
    @WithDefault("PT5M")
    Duration closeGrace();

    /**
     * How far back the very first closing of a database starts: hours before are never published as rollups (usage
     * booked for them later comes as adjustments), so a ledger with years of history does not publish them all.
     */
    @WithDefault("PT24H")
    Duration firstCloseBackfill();
}
