package io.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, and what it ran on: the source of both latest.md and latest.json. */
public record Results(String mode, String startedAt, Map<String, Object> machine, Map<String, String> versions,
        Map<String, Object> settings, List<Figure> figures, List<Comparison> comparisons,
        Map<String, List<Latency>> ramps, Map<String, Map<String, Long>> failures, List<DriftDelay> driftDelays,
        List<String> notes) {

    public static Results start(String mode, String startedAt, Map<String, Object> machine,
            Map<String, String> versions, Map<String, Object> settings) {
        return new Results(mode, startedAt, machine, versions, settings, new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
    }

    /**
     * One measured figure: a rate and latency percentiles (ms), and what bounds it on this machine.
     * {@code unit} names what the throughput counts (jobs/s, requests/s, events/s, records/s).
     */
    public record Figure(String id, String scenario, String unit, Latency latency, String limitedBy) {
    }

    /**
     * Switchboard against a reference of the same run. {@code goal} is the target for the ratio (or
     * for the value, when there is no reference); {@code met} is null when there is no goal to meet (informational).
     */
    /**
     * One row of the drift watch's detection table: an injected change (or none) over seeded synthetic streams
     * through the evaluator's detectors. Delays count scores after the change up to the one that raised the
     * alarm; {@code detectedShare}, {@code p50Delay} and {@code p90Delay} are null for a change that must not
     * alarm (an improvement, a stable stream), and a delay is null too when fewer runs than the percentile alarmed.
     * {@code falseAlarms}: alarms before the change, or any alarm of a change that must not alarm.
     */
    public record DriftDelay(String change, String metric, int runs, Double detectedShare, Long p50Delay,
            Long p90Delay, int falseAlarms, long observations) {
    }

    public record Comparison(String id, String what, double value, String valueUnit, Double reference,
            String referenceName, Double ratio, String goal, Boolean met) {
    }
}
