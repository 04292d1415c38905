package io.switchboard.evaluator.watch;

import io.switchboard.evaluator.drift.DriftDetectorState;

/** A detector's state as of one moment, taken under the watch's lock and written to the store after it. */
record DetectorSnapshot(String key, String stratum, String metric, int scorerVersion, DriftDetectorState state,
        String openAlarmId) {
}
