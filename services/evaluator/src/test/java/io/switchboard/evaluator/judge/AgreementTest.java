package io.switchboard.evaluator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Cohen's kappa, checked by hand, and the gold set in the repository as the simulated judge sees it. */
class AgreementTest {

    @Test
    void kappaIsAgreementBeyondChance() {
        // 20 items: 8 both pass, 2 label only, 1 judge only, 9 neither. Observed 17/20 = 0.85; label passes 10/20,
        // judge 9/20; chance 0.5 * 0.45 + 0.5 * 0.55 = 0.5; kappa (0.85 - 0.5) / 0.5 = 0.7
        List<Agreement.Pair> pairs = new ArrayList<>();
        add(pairs, 8, true, true);
        add(pairs, 2, true, false);
        add(pairs, 1, false, true);
        add(pairs, 9, false, false);
        pairs.add(new Agreement.Pair(true, null)); // unmeasured: left out, counted as asked
        Agreement agreement = Agreement.of(pairs);
        assertEquals(0.7, agreement.kappa(), 1e-12);
        assertEquals(0.85, agreement.agreement(), 1e-12);
        assertEquals(20, agreement.measured());
        assertEquals(21, agreement.items());
    }

    @Test
    void aJudgeThatPassesEverythingAgreesNoBetterThanChance() {
        List<Agreement.Pair> pairs = new ArrayList<>();
        add(pairs, 6, true, true);
        add(pairs, 4, false, true);
        assertEquals(0.0, Agreement.of(pairs).kappa(), 1e-12);
        assertEquals(0.0, Agreement.of(List.of()).kappa());
    }

    @Test
    void theGoldSetHasBothLabelsAndTheSimulatedJudgeDisagreesOnItsTwoBorderlineItems() {
        GoldSet gold = GoldSet.fromClasspath(new ObjectMapper());
        List<GoldItem> items = gold.of("helpfulness");
        assertEquals(24, items.size());
        assertEquals(13, items.stream().filter(GoldItem::labelledPass).count());
        // the simulated judge passes an answer whose marker is at least 0.5 (3 on 1..5, the demo rubric's pass mark):
        // 22 of 24 agree; label and judge both pass 13 of 24; kappa = (22/24 - 0.5035) / (1 - 0.5035) = 0.832
        List<Agreement.Pair> pairs = items.stream().map(item -> new Agreement.Pair(item.labelledPass(),
                marker(item.answer()) >= 0.5)).toList();
        assertEquals(0.832, Agreement.of(pairs).kappa(), 0.001);
    }

    private static double marker(String answer) {
        int at = answer.lastIndexOf("[quality:");
        return Double.parseDouble(answer.substring(at + "[quality:".length(), answer.indexOf(']', at)));
    }

    private static void add(List<Agreement.Pair> pairs, int times, boolean label, Boolean judge) {
        for (int i = 0; i < times; i++) {
            pairs.add(new Agreement.Pair(label, judge));
        }
    }
}
