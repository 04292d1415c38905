package io.switchboard.evaluator.traffic;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Counting traffic per stratum (for the judge sampler and the liveness watch). */
@ConfigMapping(prefix = "switchboard.evaluator.traffic")
public interface TrafficConfig {

    /**
     * How often the counts kept in memory are written to PostgreSQL (and how often evaluations seen are). A
     * crash loses at most this much counting; the rates and the liveness watch tolerate that.
     */
    @WithDefault("5s")
    Duration flushEvery();
}
