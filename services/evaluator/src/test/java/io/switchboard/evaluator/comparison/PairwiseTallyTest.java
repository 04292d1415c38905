package io.switchboard.evaluator.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.estimates.WeightedSample;

class PairwiseTallyTest {

    private static final double EPSILON = 1e-6;

    @Test
    void verdictsFromBothSidesCombineWithTiesCountingHalf() {
        PairwiseTally tally = new PairwiseTally();
        // on canary's jobs: 6 wins, 2 ties, 2 losses against stable; on stable's jobs: 1 win, 3 losses against canary
        // details as the pairwise judge writes them: the outcome, then its reasoning in both orders
        add(tally, "canary", "vs stable: win; as A: A (cites the policy); as B: B (cites the policy)", 1.0, 6);
        add(tally, "canary", "vs stable: tie; as A: A (longer); as B: A (longer)", 0.5, 2);
        add(tally, "canary", "vs stable: loss; as A: B (wrong date); as B: A (wrong date)", 0.0, 2);
        add(tally, "stable", "vs canary: win", 1.0, 1);
        add(tally, "stable", "vs canary: loss", 0.0, 3);
        tally.add("pairwise.helpfulness", 1, "canary", "unmeasured: no JSON object in the reply", true, 1,
                WeightedSample.of(0, 1));

        PairwiseResult result = tally.results().getFirst();

        assertEquals(List.of("canary", "stable", 9L, 2L, 3L, 0L),
                List.of(result.variant(), result.opponent(), result.wins(), result.ties(), result.losses(),
                        result.unmeasured()));
        assertEquals(1, tally.unmeasuredWithoutPair());
        // (9 wins + 2 ties / 2) / 14; the unmeasured verdict is counted apart and weighs nothing
        assertEquals(10.0 / 14.0, result.winRate().value(), EPSILON);
        assertEquals(14, result.winRate().n());
        assertEquals(0.453509, result.winRate().interval().low(), EPSILON);
        assertEquals(0.882786, result.winRate().interval().high(), EPSILON);
    }

    @Test
    void sampledVerdictsAreWeightedBack() {
        PairwiseTally tally = new PairwiseTally();
        // two wins sampled at 0.5 (weight 2 each), two losses at 1: (2 + 2) / 6
        tally.add("pairwise.helpfulness", 1, "a", "vs b: win", false, 2,
                WeightedSample.of(1.0, 0.5).plus(WeightedSample.of(1.0, 0.5)));
        add(tally, "a", "vs b: loss", 0.0, 2);

        PairwiseResult result = tally.results().getFirst();

        assertEquals(4.0 / 6.0, result.winRate().value(), EPSILON);
        assertEquals(36.0 / 10.0, result.winRate().effectiveN(), EPSILON);
        assertEquals(0.231174, result.winRate().interval().low(), EPSILON);
    }

    @Test
    void anUnmeasuredVerdictThatNamesItsOpponentCountsForThatPair() {
        PairwiseTally tally = new PairwiseTally();
        add(tally, "canary", "vs stable: win", 1.0, 1);
        tally.add("pairwise.helpfulness", 1, "stable", "vs canary: unreadable", true, 2, WeightedSample.of(0, 1));

        PairwiseResult result = tally.results().getFirst();

        assertEquals(2, result.unmeasured());
        assertEquals(1, result.winRate().n());
    }

    @Test
    void verdictsThatNameNoOpponentAreCountedApart() {
        PairwiseTally tally = new PairwiseTally();
        tally.add("pairwise.helpfulness", 1, "canary", "the judge said so", false, 2, WeightedSample.of(1, 1));
        tally.add("pairwise.helpfulness", 1, null, "vs stable: win", false, 1, WeightedSample.of(1, 1));
        tally.add("pairwise.helpfulness", 1, "canary", "vs canary: win", false, 1, WeightedSample.of(1, 1));
        tally.add("pairwise.helpfulness", 1, "canary", "vs stable: a draw?; as A: A", false, 1, WeightedSample.of(1, 1));

        assertEquals(5, tally.unattributed());
        assertEquals(0, tally.unmeasuredWithoutPair());
        assertEquals(List.of(), tally.results());
    }

    private static void add(PairwiseTally tally, String variant, String detail, double score, int rows) {
        WeightedSample sums = WeightedSample.EMPTY;
        for (int i = 0; i < rows; i++) {
            sums = sums.plus(WeightedSample.of(score, 1.0));
        }
        tally.add("pairwise.helpfulness", 1, variant, detail, false, rows, sums);
    }
}
