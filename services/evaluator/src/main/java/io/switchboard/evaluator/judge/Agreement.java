package io.switchboard.evaluator.judge;

import java.util.List;

/**
 * How well a judge's pass/fail verdicts agree with the gold labels: Cohen's kappa, the agreement beyond what two
 * raters with the same pass rates would reach by chance (Cohen 1960). 1 is perfect agreement, 0 chance level.
 *
 * @param kappa     Cohen's kappa over the measured items
 * @param agreement the share of measured items where judge and label agree
 * @param measured  items the judge gave a usable verdict on
 * @param items     items asked
 */
public record Agreement(double kappa, double agreement, int measured, int items) {

    /** One gold item's outcome: the label, and the judge's verdict (null when unmeasured). */
    public record Pair(boolean labelPass, Boolean judgePass) {
    }

    public static Agreement of(List<Pair> pairs) {
        int both = 0;
        int labelOnly = 0;
        int judgeOnly = 0;
        int neither = 0;
        for (Pair pair : pairs) {
            if (pair.judgePass() == null) {
                continue;
            }
            if (pair.labelPass() && pair.judgePass()) {
                both++;
            } else if (pair.labelPass()) {
                labelOnly++;
            } else if (pair.judgePass()) {
                judgeOnly++;
            } else {
                neither++;
            }
        }
        int n = both + labelOnly + judgeOnly + neither;
        if (n == 0) {
            return new Agreement(0, 0, 0, pairs.size());
        }
        double observed = (both + neither) / (double) n;
        double labelPass = (both + labelOnly) / (double) n;
        double judgePass = (both + judgeOnly) / (double) n;
        double chance = labelPass * judgePass + (1 - labelPass) * (1 - judgePass);
        // both raters gave one verdict to every item: kappa is undefined; agreement says all there is
        double kappa = chance >= 1 ? (observed >= 1 ? 1 : 0) : (observed - chance) / (1 - chance);
        return new Agreement(kappa, observed, n, pairs.size());
    }
}
