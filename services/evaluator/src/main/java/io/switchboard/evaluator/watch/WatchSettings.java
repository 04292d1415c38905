package io.switchboard.evaluator.watch;

import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.drift.DriftSettings;

/** The detectors' settings: the measured defaults, with the window sizes the configuration gives. */
final class WatchSettings {

    private WatchSettings() {
    }

    /** Fails at start, naming the sizes, when they do not fit together (a window smaller than its minimum). */
    static DriftSettings of(EvaluatorConfig.Watch watch) {
        return DriftSettings.defaults()
                .withBaseline(watch.baselineSamples(), watch.baselineSamples())
                .withRecentWindow(watch.recentWindow(), watch.minimumRecentSamples())
                // one stratum is tested on every watched metric: the family of the multiple-testing correction
                .withFamilySize(WatchedMetrics.count(watch.judgeCriteria()));
    }
}
