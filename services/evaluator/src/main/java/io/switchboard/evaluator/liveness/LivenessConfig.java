package io.switchboard.evaluator.liveness;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The watch that raises {@code EVALUATOR_STALLED} when a stratum's results stop being evaluated. */
@ConfigMapping(prefix = "switchboard.evaluator.liveness")
public interface LivenessConfig {

    /** How long a stratum's succeeded result may wait without any evaluation of the stratum completing. */
    @WithDefault("10m")
    Duration stallAfter();

    /** How often the strata are checked (by one replica at a time). */
    @WithDefault("30s")
    Duration checkEvery();
}
