package io.switchboard.billing.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the ledger books usage. */
@ConfigMapping(prefix = "switchboard.billing.ledger")
public interface LedgerConfig {

    /**
     * How far in the future an event may be dated and still be booked. Clocks drift, so a little is
     * tolerated; an event dated further ahead is implausible and goes to the dead-letter topic.
     */
    @WithDefault("PT10M")
    Duration futureSkew();

    /** The first wait before a flush that failed (database or broker) is tried again. */
    @WithDefault("PT0.2S")
    Duration retryMinBackoff();

    /** The longest wait between attempts of a failing flush; it is retried until it succeeds or is fenced. */
    @WithDefault("PT5S")
    Duration retryMaxBackoff();
}
