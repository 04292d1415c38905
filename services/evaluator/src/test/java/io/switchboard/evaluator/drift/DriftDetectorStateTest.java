package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.evaluator.drift.SyntheticMetric.Bernoulli;
import io.switchboard.evaluator.drift.SyntheticMetric.LogNormal;

/** A detector stored as JSON and restored goes on exactly as the original, wherever it was stopped. */
class DriftDetectorStateTest {

    static final DriftSettings SETTINGS = DriftSettings.defaults();
    static final ObjectMapper JSON = new ObjectMapper();
    static final MetricDefinition INVALID_JSON = MetricDefinition.failureRate("invalid_json", 0.05);
    static final MetricDefinition ANSWER_LENGTH =
            MetricDefinition.continuous("answer_length", WorseDirection.LOWER, MinimumEffect.relative(0.2));

    /**
     * The stream changes at 6,000 and back at 9,000; stops fall in the baseline (5,000 at the defaults),
     * before the change, while it is confirmed, while the alarm is open, while the recovery is confirmed
     * and after it.
     */
    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_500, 6_150, 7_500, 9_100, 13_000})
    void restoredRateDetectorContinuesExactlyAsTheOriginal(int stopAt) throws Exception {
        assertRestoredTwin(INVALID_JSON, new Bernoulli(0.05), new Bernoulli(0.15), stopAt);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_500, 6_040, 7_500, 9_100, 13_000})
    void restoredContinuousDetectorContinuesExactlyAsTheOriginal(int stopAt) throws Exception {
        assertRestoredTwin(ANSWER_LENGTH, new LogNormal(600, 0.6), new LogNormal(300, 0.6), stopAt);
    }

    private static void assertRestoredTwin(MetricDefinition metric, SyntheticMetric usual, SyntheticMetric degraded,
            int stopAt) throws Exception {
        SplittableRandom random = new SplittableRandom(stopAt);
        DriftDetector original = new DriftDetector(metric, SETTINGS);
        int announcements = 0;
        for (int i = 1; i <= stopAt; i++) {
            announcements += announced(original.observe(source(i, usual, degraded).next(random)));
        }
        String stored = JSON.writeValueAsString(original.export());
        DriftDetector restored = DriftDetector.restore(metric, SETTINGS, JSON.readValue(stored, DriftDetectorState.class));
        assertEquals(original.export(), restored.export());

        for (int i = stopAt + 1; i <= 15_000; i++) {
            double value = source(i, usual, degraded).next(random);
            DriftResult expected = original.observe(value);
            assertEquals(expected, restored.observe(value), "observation " + i);
            announcements += announced(expected);
        }
        assertEquals(original.export(), restored.export());
        assertEquals(2, announcements, "the stream's degradation and recovery were both announced");
        // two arrays of 5,000 observations at the defaults (baseline and recent) make most of it
        assertTrue(stored.length() < 250_000, stored.length() + " characters stored");
    }

    private static SyntheticMetric source(int observation, SyntheticMetric usual, SyntheticMetric degraded) {
        return observation > 6_000 && observation <= 9_000 ? degraded : usual;
    }

    private static int announced(DriftResult result) {
        return result instanceof DriftResult.Steady ? 0 : 1;
    }
}
