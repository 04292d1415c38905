package io.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.switchboard.evaluator.drift.DetectionDelayTable;
import io.switchboard.evaluator.drift.DriftScenario;
import io.switchboard.evaluator.drift.DriftSettings;
import io.switchboard.evaluator.drift.QualityWatchScenarios;
import io.switchboard.evaluator.drift.ScenarioMeasurement;

/**
 * The drift watch's detection delays, on the detectors alone: issue 7's injected changes
 * ({@link QualityWatchScenarios}, as the evaluator's {@code DriftAcceptanceTest} runs them: each change right
 * after the 5,000-score baseline, watched for 5,000 more) and stable streams, over seeded runs through
 * {@link DetectionDelayTable} at the evaluator's default settings.
 */
final class DriftDelays {

    static final int OBSERVED_AFTER_CHANGE = 5_000;

    private DriftDelays() {
    }

    /** The scenarios run two at a time: each is one thread's work, and the machine has two cores. */
    static List<Results.DriftDelay> measure(int seeds, int stableLength, int stableSeeds) {
        DetectionDelayTable table = new DetectionDelayTable(DriftSettings.defaults());
        List<Results.DriftDelay> rows = new ArrayList<>();
        rows.addAll(run(table, QualityWatchScenarios.degradations(OBSERVED_AFTER_CHANGE), seeds));
        rows.addAll(run(table, QualityWatchScenarios.improvements(OBSERVED_AFTER_CHANGE), seeds));
        rows.addAll(run(table, QualityWatchScenarios.stable(stableLength), stableSeeds));
        return rows;
    }

    private static List<Results.DriftDelay> run(DetectionDelayTable table, List<DriftScenario> scenarios, int seeds) {
        return scenarios.parallelStream().map(scenario -> row(table.measure(scenario, seeds))).toList();
    }

    static Results.DriftDelay row(ScenarioMeasurement m) {
        boolean degradation = m.scenario().degradation();
        return new Results.DriftDelay(m.scenario().name(), m.scenario().metric().name(), m.runs(),
                degradation ? m.detectionRate() : null,
                degradation ? boxed(m.delayPercentile(0.5)) : null,
                degradation ? boxed(m.delayPercentile(0.9)) : null,
                m.falseAlarms(), m.observations());
    }

    private static Long boxed(OptionalLong delay) {
        return delay.isPresent() ? delay.getAsLong() : null;
    }
}
