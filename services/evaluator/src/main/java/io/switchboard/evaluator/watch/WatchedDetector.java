package io.switchboard.evaluator.watch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.drift.DriftDetector;
import io.switchboard.evaluator.drift.DriftResult;
import io.switchboard.evaluator.drift.MetricDefinition;

/**
 * One stratum's detector for one metric, with what an alarm needs besides the statistics: the open alarm's
 * id, a few recent jobs that counted against quality, and when each recent observation was made (to date
 * the change the detector estimates).
 */
final class WatchedDetector {

    private static final int EXAMPLES = 5;

    final String key;
    final String stratum;
    final MetricDefinition metric;
    final int scorerVersion;
    final DriftDetector detector;
    private String openAlarmId;
    private final Deque<String> badJobs = new ArrayDeque<>();
    private final Deque<Instant> times = new ArrayDeque<>();
    private final int timesKept;
    private boolean dirty;

    WatchedDetector(String key, String stratum, MetricDefinition metric, int scorerVersion, DriftDetector detector,
            String openAlarmId, int timesKept) {
        this.key = key;
        this.stratum = stratum;
        this.metric = metric;
        this.scorerVersion = scorerVersion;
        this.detector = detector;
        this.openAlarmId = openAlarmId;
        this.timesKept = timesKept;
    }

    static String keyOf(String stratum, String metric, int scorerVersion) {
        return stratum + "#" + metric + "#v" + scorerVersion;
    }

    DriftResult observe(double value, EvaluationScored score) {
        dirty = true;
        if (WatchedMetrics.isBad(metric, score)) {
            badJobs.addLast(score.jobId());
            if (badJobs.size() > EXAMPLES) {
                badJobs.removeFirst();
            }
        }
        times.addLast(score.evaluatedAt());
        if (times.size() > timesKept) {
            times.removeFirst();
        }
        return detector.observe(value);
    }

    /** When the {@code n}-th newest observation (1 = this one) was made, if still remembered. */
    Instant observedAgo(long n) {
        if (n < 1 || n > times.size()) {
            return null;
        }
        return times.stream().skip(times.size() - n).findFirst().orElse(null);
    }

    List<String> exampleJobs() {
        return List.copyOf(badJobs);
    }

    String openAlarmId() {
        return openAlarmId;
    }

    void opened(String alarmId) {
        openAlarmId = alarmId;
    }

    void cleared() {
        openAlarmId = null;
    }

    boolean dirty() {
        return dirty;
    }

    /** What is to be stored now; taking it counts as saved (a failed save is logged, and the next score dirties it again). */
    DetectorSnapshot takeSnapshot() {
        dirty = false;
        return new DetectorSnapshot(key, stratum, metric.name(), scorerVersion, detector.export(), openAlarmId);
    }
}
