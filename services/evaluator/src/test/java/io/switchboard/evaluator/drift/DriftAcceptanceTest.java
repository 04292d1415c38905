package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's detection targets, measured on the detectors alone with the default settings: each change
 * begins 5,000 to 5,255 observations into the stream (right after the 5,000-observation baseline is
 * frozen) and is observed for 5,000 more, over {@value #SEEDS} seeds.
 */
class DriftAcceptanceTest {

    static final int SEEDS = 300;
    static final int OBSERVED_AFTER_CHANGE = 5_000;

    static final DetectionDelayTable TABLE = new DetectionDelayTable(DriftSettings.defaults());
    static Map<String, ScenarioMeasurement> degradations;

    @BeforeAll
    static void measureDegradations() {
        List<ScenarioMeasurement> measured =
                TABLE.measure(QualityWatchScenarios.degradations(OBSERVED_AFTER_CHANGE), SEEDS);
        System.out.println(DetectionDelayTable.markdown(measured));
        degradations = measured.stream().collect(Collectors.toMap(m -> m.scenario().name(), Function.identity()));
    }

    @Test
    void invalidJsonFrom5To15PercentIsDetectedIn95PercentOfRunsWithP90DelayAtMost500() {
        ScenarioMeasurement m = degradations.get("invalid JSON 5% → 15%");
        assertAll(m.toString(),
                () -> assertTrue(m.detectionRate() >= 0.95),
                () -> assertTrue(m.delayPercentile(0.9).orElseThrow() <= 500));
    }

    @Test
    void judgeFailuresFrom10To20PercentHaveP90DelayAtMost800() {
        ScenarioMeasurement m = degradations.get("judge failures 10% → 20%");
        assertTrue(m.delayPercentile(0.9).orElseThrow() <= 800, m.toString());
    }

    @Test
    void refusalsFrom2To5PercentAreDetectedWithin3000In90PercentOfRuns() {
        ScenarioMeasurement m = degradations.get("refusals 2% → 5%");
        assertTrue(m.shareDetectedWithin(3_000) >= 0.90, m.toString());
    }

    @Test
    void judgeScoreDownBy008HasP90DelayAtMost400() {
        ScenarioMeasurement m = degradations.get("mean judge score −0.08 (σ 0.12)");
        assertTrue(m.delayPercentile(0.9).orElseThrow() <= 400, m.toString());
    }

    @Test
    void answersHalfAsLongHaveP90DelayAtMost100() {
        ScenarioMeasurement m = degradations.get("answer length −50%");
        assertTrue(m.delayPercentile(0.9).orElseThrow() <= 100, m.toString());
    }

    @Test
    void noDegradationRaisesAFalseAlarmBeforeItsChange() {
        degradations.values().forEach(m -> assertEquals(0, m.falseAlarms(), m.toString()));
    }

    @Test
    void improvementsNeverRaiseDegraded() {
        List<ScenarioMeasurement> measured = TABLE.measure(QualityWatchScenarios.improvements(OBSERVED_AFTER_CHANGE), SEEDS);
        System.out.println(DetectionDelayTable.markdown(measured));
        measured.forEach(m -> assertEquals(0, m.falseAlarms(), m.toString()));
    }
}
