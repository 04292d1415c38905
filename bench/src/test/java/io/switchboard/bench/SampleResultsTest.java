package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;

class SampleResultsTest {

    private static final List<JobCompleted> SAMPLE = SampleResults.of("bench-test", 5_000, 7);

    @Test
    void theSameSeedGivesTheSameAnswers() {
        List<JobCompleted> again = SampleResults.of("bench-test", 5_000, 7);

        for (int i = 0; i < SAMPLE.size(); i += 499) {
            assertEquals(SAMPLE.get(i).assistantContent(), again.get(i).assistantContent());
        }
    }

    @Test
    void theEvaluatorsChecksFindTheShapesTheSampleWasMadeOf() {
        Map<String, List<EvaluationScored>> byCheck = SAMPLE.stream()
                .flatMap(result -> ScoringThroughput.evaluatorScoring().score(result, Instant.now()).stream())
                .collect(Collectors.groupingBy(EvaluationScored::check));

        assertEquals(5_000, byCheck.get("answer_length").size(), "every answer measured");
        assertShare(0.15, byCheck.get("valid_json").size() / 5_000.0, "asked as JSON");
        assertShare(0.05, failed(byCheck.get("valid_json")), "broken JSON");
        assertShare(0.02, failed(byCheck.get("no_refusal")), "refusals");
        assertShare(0.01, failed(byCheck.get("finish_reason")), "cut at the token limit");
        double medianLength = byCheck.get("answer_length").stream().mapToDouble(EvaluationScored::value).sorted()
                .skip(2_500).findFirst().orElseThrow();
        assertTrue(medianLength > 450 && medianLength < 750, "median length " + medianLength);
    }

    private static double failed(List<EvaluationScored> scores) {
        return scores.stream().filter(score -> !score.passed()).count() / (double) scores.size();
    }

    private static void assertShare(double expected, double measured, String what) {
        assertTrue(Math.abs(measured - expected) <= Math.max(0.01, expected / 2), what + ": " + measured);
    }
}
