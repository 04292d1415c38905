package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 7's target "stable stream: no alarm in 10⁶ samples per metric", over several seeds. */
class DriftStableStreamTest {

    static final int LENGTH = 1_000_000;
    static final int SEEDS = 5;

    @Test
    void aStableStreamRaisesNoAlarmInAMillionObservationsOfAnyMetric() {
        List<ScenarioMeasurement> measured =
                new DetectionDelayTable(DriftSettings.defaults()).measure(QualityWatchScenarios.stable(LENGTH), SEEDS);
        System.out.println(DetectionDelayTable.markdown(measured));
        measured.forEach(m -> assertEquals(0, m.falseAlarms(), m.toString()));
    }
}
