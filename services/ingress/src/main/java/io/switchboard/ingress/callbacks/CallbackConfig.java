package io.switchboard.ingress.callbacks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.ingress.callbacks")
public interface CallbackConfig {

    /** Deliveries of one callback before it is given up. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the second attempt; doubled after each further failure. */
    @WithDefault("1s")
    Duration firstBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Time the receiver has to answer one delivery. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Whether callbacks may go to loopback, private and link-local addresses. Off in production, so that
     * a tenant cannot make the gateway call internal services; on for local runs and tests.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** How often due callbacks are looked for. */
    @WithDefault("1s")
    Duration pollEvery();
}
