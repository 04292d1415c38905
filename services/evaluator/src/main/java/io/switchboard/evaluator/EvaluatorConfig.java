package io.switchboard.evaluator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.evaluator")
public interface EvaluatorConfig {

    /**
     * Share of succeeded jobs to score, from 0 (none) to 1 (all). Whether a job is sampled depends only
     * on its id, so a redelivered result gets the same decision.
     */
    @WithDefault("1.0")
    double sampleRate();

    /** Longest assistant content, in characters, that the {@code within_length_limit} check passes. */
    @WithDefault("20000")
    int maxOutputChars();

    /** The drift watch. */
    Watch watch();

    interface Watch {

        /**
         * How often the detectors that changed are saved. A crash loses at most this much of their
         * observations (never an alarm's state: that is saved at once); a detector's state is tens to hundreds
         * of KB, so saving after every score would cost more than it saves.
         */
        @WithDefault("30s")
        Duration saveEvery();
    }
}
