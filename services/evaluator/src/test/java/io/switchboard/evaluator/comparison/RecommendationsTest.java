package io.switchboard.evaluator.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.estimates.Estimate;
import io.switchboard.evaluator.estimates.Interval;
import io.switchboard.evaluator.estimates.WeightedSample;
import io.switchboard.evaluator.evaluations.CheckStatistics;

class RecommendationsTest {

    @Test
    void overlappingIntervalsAreInsufficientEvidence() {
        List<Recommendation> recommendations = Recommendations.of(
                List.of(variant("canary", "no_refusal", 58, 60), variant("stable", "no_refusal", 59, 60)), List.of());

        Recommendation only = recommendations.getFirst();
        assertEquals("insufficient_evidence", only.verdict());
        assertNull(only.favoured());
        assertTrue(only.summary().startsWith("Insufficient evidence"), only.summary());
    }

    @Test
    void separatedPassRatesFavourTheBetterVariant() {
        List<Recommendation> recommendations = Recommendations.of(
                List.of(variant("canary", "no_refusal", 60, 100), variant("stable", "no_refusal", 100, 100)), List.of());

        Recommendation only = recommendations.getFirst();
        assertEquals("favours", only.verdict());
        assertEquals("stable", only.favoured());
        assertEquals(1, only.evidence().size());
        assertTrue(only.evidence().getFirst().contains("0.600 [0.502, 0.691]"), only.evidence().getFirst());
    }

    @Test
    void findingsBothWaysAreMixed() {
        VariantResult canary = new VariantResult("canary", List.of("m"), List.of(check("no_refusal", 60, 100)));
        VariantResult stable = new VariantResult("stable", List.of("m"), List.of(check("no_refusal", 100, 100)));
        PairwiseResult canaryWins = new PairwiseResult("pairwise.helpfulness", 1, "canary", "stable", 90, 0, 10, 0,
                new Estimate(0.9, new Interval(0.82, 0.95), 100, 100));

        Recommendation only = Recommendations.of(List.of(canary, stable), List.of(canaryWins)).getFirst();

        assertEquals("mixed", only.verdict());
        assertEquals(2, only.evidence().size());
    }

    @Test
    void aPairwiseWinRateAwayFromOneHalfIsAFinding() {
        PairwiseResult stableLoses = new PairwiseResult("pairwise.helpfulness", 1, "canary", "stable", 80, 10, 10, 0,
                new Estimate(0.85, new Interval(0.77, 0.91), 100, 100));

        Recommendation only = Recommendations.of(List.of(variant("canary", "no_refusal", 50, 50),
                variant("stable", "no_refusal", 50, 50)), List.of(stableLoses)).getFirst();

        assertEquals("favours", only.verdict());
        assertEquals("canary", only.favoured());
    }

    private static VariantResult variant(String name, String check, int passed, int total) {
        return new VariantResult(name, List.of("sim-small"), List.of(check(check, passed, total)));
    }

    private static VariantCheck check(String name, int passed, int total) {
        WeightedSample sample = WeightedSample.EMPTY;
        for (int i = 0; i < total; i++) {
            sample = sample.plus(WeightedSample.of(i < passed ? 1 : 0, 1));
        }
        return new VariantCheck(name, 1, new CheckStatistics(total, 0, sample.proportion(), sample.mean(null), null));
    }
}
