package io.switchboard.evaluator.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.drift.DriftSettings;

class WatchSettingsTest {

    private record Watch(int baselineSamples, int recentWindow, int minimumRecentSamples, int judgeCriteria)
            implements EvaluatorConfig.Watch {

        Watch(int baselineSamples, int recentWindow, int minimumRecentSamples) {
            this(baselineSamples, recentWindow, minimumRecentSamples, 1);
        }

        @Override
        public Duration saveEvery() {
            return Duration.ofSeconds(30);
        }
    }

    @Test
    void theConfiguredDefaultsAreTheMeasuredDefaultsTestedOverEveryWatchedMetric() {
        DriftSettings settings = WatchSettings.of(new Watch(5_000, 5_000, 30, 2));

        DriftSettings measured = DriftSettings.defaults();
        assertEquals(measured.withFamilySize(WatchedMetrics.count(2)), settings);
        assertEquals(WatchedMetrics.count(0) + 4, settings.familySize(), "two metrics per judge criterion");
    }

    @Test
    void configuredSizesReachTheDetectorsAndTheRestStaysAsMeasured() {
        DriftSettings settings = WatchSettings.of(new Watch(200, 400, 25));

        assertEquals(200, settings.baselineSize());
        assertEquals(200, settings.baselinePeriod(), "the baseline is the first scores, not a reservoir");
        assertEquals(400, settings.recentCapacity());
        assertEquals(25, settings.minimumRecentSamples());
        assertEquals(DriftSettings.defaults().adwin(), settings.adwin());
        assertEquals(DriftSettings.defaults().familyAlpha(), settings.familyAlpha());
    }

    @Test
    void aWindowSmallerThanItsMinimumIsRefusedAtStart() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> WatchSettings.of(new Watch(200, 20, 30)));

        assertTrue(refused.getMessage().contains("minimumRecentSamples"), refused.getMessage());
    }
}
