package io.switchboard.evaluator.drift;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The two-sample test that confirms a change ADWIN flagged: Fisher's exact test on the 2×2 table of
 * events for a rate (the chi-square test once the table is large, where Fisher's sums get slow and the
 * two agree), the Mann–Whitney U test for a continuous metric (it compares ranks, so heavy tails such as
 * latency's do not swamp it). Tests are one-sided: only the direction asked about counts.
 *
 * <p>A stratum tests several metrics, each a chance of a false alarm, so a p-value must be at most
 * α / familySize (Bonferroni). Holm's step-down would be less strict but needs the family's p-values
 * together, and here each metric is tested on its own change, at its own time.
 */
public final class ChangeConfirmation {

    /** Above this many samples in all, a rate is compared with the chi-square test instead of Fisher's. */
    static final int EXACT_TEST_LIMIT = 20_000;

    private static final FisherExactTest MORE_EVENTS_IN_CURRENT =
            FisherExactTest.withDefaults().with(AlternativeHypothesis.LESS_THAN);
    private static final FisherExactTest FEWER_EVENTS_IN_CURRENT =
            FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);
    private static final MannWhitneyUTest CURRENT_LOWER =
            MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.LESS_THAN);
    private static final MannWhitneyUTest CURRENT_HIGHER =
            MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

    private final double familyAlpha;
    private final int familySize;

    /**
     * @param familyAlpha the chance of a false confirmation allowed over one stratum's metrics together
     * @param familySize how many metrics one stratum tests
     */
    public ChangeConfirmation(double familyAlpha, int familySize) {
        if (!(familyAlpha > 0.0 && familyAlpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be within (0, 1), was " + familyAlpha);
        }
        if (familySize < 1) {
            throw new IllegalArgumentException("family size must be at least 1, was " + familySize);
        }
        this.familyAlpha = familyAlpha;
        this.familySize = familySize;
    }

    /** The p-value one test must reach: α corrected for the family. */
    public double perTestAlpha() {
        return familyAlpha / familySize;
    }

    public boolean significant(Comparison comparison) {
        return comparison.pValue() <= perTestAlpha();
    }

    /** Whether {@code recent} is worse than {@code baseline}, significantly and by at least the minimum effect. */
    public boolean degraded(MetricDefinition metric, Comparison againstBaseline) {
        return significant(againstBaseline)
                && metric.minimumEffect().reachedBy(againstBaseline.worsening(), againstBaseline.reference());
    }

    /** Compares {@code recent} with {@code reference}, asking whether it is worse. */
    public Comparison worse(MetricDefinition metric, double[] reference, double[] recent) {
        return compare(metric, reference, recent, metric.worse());
    }

    /** Compares {@code recent} with {@code reference}, asking whether it is better. */
    public Comparison better(MetricDefinition metric, double[] reference, double[] recent) {
        WorseDirection better = metric.worse() == WorseDirection.HIGHER ? WorseDirection.LOWER : WorseDirection.HIGHER;
        Comparison flipped = compare(metric, reference, recent, better);
        return new Comparison(flipped.reference(), flipped.current(), -flipped.worsening(), flipped.pValue());
    }

    /** {@code towards}: the direction whose p-value is wanted; worsening is reported along it. */
    private static Comparison compare(MetricDefinition metric, double[] reference, double[] recent,
            WorseDirection towards) {
        if (reference.length == 0 || recent.length == 0) {
            throw new IllegalArgumentException("both samples need observations");
        }
        return metric.kind() == MetricKind.RATE
                ? compareRates(reference, recent, towards)
                : compareDistributions(reference, recent, towards);
    }

    private static Comparison compareRates(double[] reference, double[] recent, WorseDirection towards) {
        int referenceEvents = events(reference);
        int recentEvents = events(recent);
        double referenceRate = (double) referenceEvents / reference.length;
        double recentRate = (double) recentEvents / recent.length;
        double worsening = towards.worsening(referenceRate, recentRate);
        int allEvents = referenceEvents + recentEvents;
        if (allEvents == 0 || allEvents == reference.length + recent.length) {
            return new Comparison(referenceRate, recentRate, worsening, 1.0);
        }
        double pValue = reference.length + recent.length > EXACT_TEST_LIMIT
                ? chiSquarePValue(referenceEvents, reference.length, recentEvents, recent.length, worsening > 0)
                : fisherPValue(referenceEvents, reference.length, recentEvents, recent.length, towards);
        return new Comparison(referenceRate, recentRate, worsening, pValue);
    }

    private static double fisherPValue(int referenceEvents, int referenceSize, int recentEvents, int recentSize,
            WorseDirection towards) {
        int[][] table = {
                {referenceEvents, referenceSize - referenceEvents},
                {recentEvents, recentSize - recentEvents}};
        FisherExactTest test = towards == WorseDirection.HIGHER ? MORE_EVENTS_IN_CURRENT : FEWER_EVENTS_IN_CURRENT;
        return test.test(table).getPValue();
    }

    /** The chi-square test is two-sided; with one degree of freedom half its p-value is the one-sided one. */
    private static double chiSquarePValue(long referenceEvents, long referenceSize, long recentEvents, long recentSize,
            boolean movedTowards) {
        long[][] table = {
                {referenceEvents, referenceSize - referenceEvents},
                {recentEvents, recentSize - recentEvents}};
        double twoSided = ChiSquareTest.withDefaults().test(table).getPValue();
        return movedTowards ? twoSided / 2.0 : 1.0 - twoSided / 2.0;
    }

    private static Comparison compareDistributions(double[] reference, double[] recent, WorseDirection towards) {
        double referenceMean = mean(reference);
        double recentMean = mean(recent);
        double worsening = towards.worsening(referenceMean, recentMean);
        if (allEqual(reference, recent)) {
            return new Comparison(referenceMean, recentMean, worsening, 1.0);
        }
        MannWhitneyUTest test = towards == WorseDirection.HIGHER ? CURRENT_HIGHER : CURRENT_LOWER;
        return new Comparison(referenceMean, recentMean, worsening, test.test(recent, reference).getPValue());
    }

    private static int events(double[] sample) {
        int events = 0;
        for (double value : sample) {
            if (value >= 0.5) {
                events++;
            }
        }
        return events;
    }

    private static double mean(double[] sample) {
        double sum = 0.0;
        for (double value : sample) {
            sum += value;
        }
        return sum / sample.length;
    }

    /** Every observation the same value: ranks carry no information and the test has nothing to say. */
    private static boolean allEqual(double[] reference, double[] recent) {
        double first = reference[0];
        for (double value : reference) {
            if (value != first) {
                return false;
            }
        }
        for (double value : recent) {
            if (value != first) {
                return false;
            }
        }
        return true;
    }
}
