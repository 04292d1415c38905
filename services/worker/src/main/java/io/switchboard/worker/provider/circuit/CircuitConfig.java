package io.switchboard.worker.provider.circuit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a provider target's circuit opens and how it recovers (see {@link TargetCircuits}). */
@ConfigMapping(prefix = "switchboard.worker.circuit")
public interface CircuitConfig {

    /** Calls the circuit looks back over (a rolling window) before it may open. */
    @WithDefault("20")
    int requestVolumeThreshold();

    /** Share of failed calls in that window that opens the circuit. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open circuit fails calls fast before letting a probe through (half-open). */
    @WithDefault("30s")
    Duration delay();

    /** Successful probes that close a half-open circuit. */
    @WithDefault("1")
    int successThreshold();
}
