package io.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, and what it ran on: the source of both latest.md and latest.json. */
public record Results(String mode, String startedAt, Map<String, Object> machine, Map<String, String> versions,
        Map<String, Object> settings, List<Figure> figures, List<Comparison> comparisons,
        Map<String, List<Latency>> ramps, Map<String, Map<String, Long>> failures, List<String> notes) {

    public static Results start(String mode, String startedAt, Map<String, Object> machine,
            Map<String, String> versions, Map<String, Object> settings) {
        return new Results(mode, startedAt, machine, versions, settings, new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
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
    public record Comparison(String id, String what, double value, String valueUnit, Double reference,
            String referenceName, Double ratio, String goal, Boolean met) {
    }
}
