package io.switchboard.evaluator.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.evaluator.drift.MetricDefinition;
import io.switchboard.evaluator.drift.MetricKind;

/** A judge's verdicts feed two metrics; deterministic checks one each; unknown checks none. */
class WatchedMetricsTest {

    @Test
    void aJudgesVerdictIsWatchedAsItsFailureRateAndItsMeanScoreOnTheUnitScale() {
        List<MetricDefinition> metrics = WatchedMetrics.of("judge.helpfulness");
        assertEquals(List.of("judge.helpfulness", "judge.helpfulness.score"), metrics.stream().map(MetricDefinition::name).toList());
        assertEquals(List.of(MetricKind.RATE, MetricKind.CONTINUOUS), metrics.stream().map(MetricDefinition::kind).toList());

        // a 4 on a 1-to-5 scale that fails a pass mark of 4.5: value 4, score 0.75
        EvaluationScored verdict = new EvaluationScored(EventType.SCHEMA_VERSION, "job-1", "acme", "m", "judge.helpfulness",
                false, 0.75, "ok", Instant.now(), "r", null, 4.0, 2, 0.1);
        assertEquals(1.0, WatchedMetrics.observation(metrics.get(0), verdict).getAsDouble());
        assertEquals(0.75, WatchedMetrics.observation(metrics.get(1), verdict).getAsDouble());
    }

    @Test
    void deterministicChecksFeedOneMetricAndUnknownOnesNone() {
        assertEquals(1, WatchedMetrics.of("no_refusal").size());
        assertTrue(WatchedMetrics.of("something_else").isEmpty());
        assertEquals(10, WatchedMetrics.count(1));
    }
}
