package io.switchboard.evaluator.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ADWIN2, the adaptive sliding window of Albert Bifet and Ricard Gavaldà, "Learning from Time-Changing
 * Data with Adaptive Windowing", SIAM International Conference on Data Mining (SDM) 2007. Written from
 * the paper.
 *
 * <p>The window keeps every sample since the last change it found, compressed into an exponential
 * histogram: row {@code i} holds up to M buckets of {@code 2^i} samples, each bucket only its sum and its
 * sum of squared deviations, so a window of W samples takes {@code O(M log W)} memory. Every
 * {@code checkInterval} inserts it tests each bucket boundary as a cut between an older part W0 and a
 * newer part W1, and drops the older part while
 *
 * <pre>
 *   |mean(W0) - mean(W1)| &gt; ε_cut = sqrt(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ')
 *   m = 1 / (1/|W0| + 1/|W1|)        (the harmonic mean of the two lengths, halved)
 *   δ' = δ / ln |W|                  (the paper's correction for testing O(log W) cut points)
 * </pre>
 *
 * <p>ε_cut is the paper's variance-aware (Bernstein) form, so a low-variance stream, such as a rare
 * failure, is cut after fewer samples than the Hoeffding form would allow. Samples must lie in [0, 1];
 * the bound assumes that range.
 *
 * <p>Not thread-safe: one window belongs to one stratum and metric, fed in order.
 */
public final class Adwin {

    private final AdwinParameters parameters;
    /** {@code rows.get(i)} holds buckets of {@code 2^i} samples. */
    private final List<BucketRow> rows = new ArrayList<>();
    private long width;
    private double total;
    private double squaredDeviations;
    private long inserts;

    public Adwin(AdwinParameters parameters) {
        this.parameters = parameters;
    }

    /** A window exactly as {@code state} describes it, cutting by {@code parameters}. */
    public static Adwin restore(AdwinParameters parameters, AdwinState state) {
        Adwin adwin = new Adwin(parameters);
        for (AdwinState.Row row : state.rows()) {
            adwin.rows.add(BucketRow.of(row, parameters.bucketsPerRow()));
        }
        adwin.width = state.width();
        adwin.total = state.total();
        adwin.squaredDeviations = state.squaredDeviations();
        adwin.inserts = state.inserts();
        return adwin;
    }

    public AdwinState export() {
        List<AdwinState.Row> exported = rows.stream().map(BucketRow::export).toList();
        return new AdwinState(exported, width, total, squaredDeviations, inserts);
    }

    /** Adds one sample, from 0 to 1, and tells whether the window was cut. */
    public AdwinSignal add(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("ADWIN's bound needs samples within [0, 1], was " + value);
        }
        insert(value);
        inserts++;
        if (inserts % parameters.checkInterval() != 0) {
            return AdwinSignal.UNCHANGED;
        }
        return cutWhileDifferent();
    }

    public long width() {
        return width;
    }

    public double mean() {
        return width == 0 ? 0.0 : total / width;
    }

    public double variance() {
        return width == 0 ? 0.0 : squaredDeviations / width;
    }

    /** The ε_cut a split into {@code older} and {@code newer} samples must exceed, at the given variance. */
    public double cutThreshold(long older, long newer, double variance, long windowWidth) {
        double m = 1.0 / (1.0 / older + 1.0 / newer);
        double deltaPrime = parameters.delta() / Math.log(windowWidth);
        double logTerm = Math.log(2.0 / deltaPrime);
        return Math.sqrt(2.0 / m * variance * logTerm) + 2.0 / (3.0 * m) * logTerm;
    }

    private void insert(double value) {
        if (width > 0) {
            double deviation = value - total / width;
            squaredDeviations += deviation * deviation * width / (width + 1);
        }
        width++;
        total += value;
        row(0).append(value, 0.0);
        compress();
    }

    /** Merges the two oldest buckets of every row that has overflowed into one bucket of the next row. */
    private void compress() {
        for (int i = 0; i < rows.size() && rows.get(i).size() > parameters.bucketsPerRow(); i++) {
            BucketRow full = rows.get(i);
            double size = bucketSize(i);
            double total0 = full.total(0);
            double total1 = full.total(1);
            double meanGap = total0 / size - total1 / size;
            double merged = full.deviations(0) + full.deviations(1) + size / 2.0 * meanGap * meanGap;
            full.removeOldest(2);
            row(i + 1).append(total0 + total1, merged);
        }
    }

    private AdwinSignal cutWhileDifferent() {
        if (width <= 2L * parameters.minSubWindow() || !cutOnce()) {
            return AdwinSignal.UNCHANGED;
        }
        long widthBefore = width;
        double meanBefore = mean();
        ChangePoint changePoint = likeliestChangePoint();
        do {
            dropOldestBucket();
        } while (width > 2L * parameters.minSubWindow() && cutOnce());
        return new AdwinSignal.Change(meanBefore, mean(), changePoint.newer(), changePoint.newerMean(),
                widthBefore - width);
    }

    /**
     * Where in the window, cut before, the change most likely happened: the bucket boundary that
     * maximises {@code n0·n1/(n0+n1) · (mean0 − mean1)²}, the likelihood-ratio statistic of one shift in
     * the mean. The paper's cut itself only says the oldest buckets no longer belong: it keeps samples
     * from before the change whenever the split is not yet significant without them. Near a recent
     * change the buckets are small, so the estimate is fine-grained where it matters.
     */
    private ChangePoint likeliestChangePoint() {
        long older = 0;
        double olderTotal = 0.0;
        double best = -1.0;
        ChangePoint bestPoint = new ChangePoint(width, mean());
        for (int i = rows.size() - 1; i >= 0; i--) {
            BucketRow row = rows.get(i);
            long size = bucketSize(i);
            for (int b = 0; b < row.size(); b++) {
                older += size;
                olderTotal += row.total(b);
                long newer = width - older;
                if (newer < parameters.minSubWindow()) {
                    return bestPoint;
                }
                if (older < parameters.minSubWindow()) {
                    continue;
                }
                double newerMean = (total - olderTotal) / newer;
                double gap = olderTotal / older - newerMean;
                double statistic = (double) older * newer / width * gap * gap;
                if (statistic > best) {
                    best = statistic;
                    bestPoint = new ChangePoint(newer, newerMean);
                }
            }
        }
        return bestPoint;
    }

    private record ChangePoint(long newer, double newerMean) {
    }

    /** Whether some bucket boundary splits the window into two parts whose means differ beyond ε_cut. */
    private boolean cutOnce() {
        double variance = variance();
        long older = 0;
        double olderTotal = 0.0;
        for (int i = rows.size() - 1; i >= 0; i--) {
            BucketRow row = rows.get(i);
            long size = bucketSize(i);
            for (int b = 0; b < row.size(); b++) {
                older += size;
                olderTotal += row.total(b);
                long newer = width - older;
                if (newer < parameters.minSubWindow()) {
                    return false;
                }
                if (older < parameters.minSubWindow()) {
                    continue;
                }
                double gap = Math.abs(olderTotal / older - (total - olderTotal) / newer);
                if (gap > cutThreshold(older, newer, variance, width)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void dropOldestBucket() {
        int last = rows.size() - 1;
        BucketRow oldestRow = rows.get(last);
        long size = bucketSize(last);
        double bucketTotal = oldestRow.total(0);
        long rest = width - size;
        double meanGap = bucketTotal / size - (total - bucketTotal) / rest;
        squaredDeviations -= oldestRow.deviations(0) + (double) size * rest / width * meanGap * meanGap;
        squaredDeviations = Math.max(0.0, squaredDeviations);
        total -= bucketTotal;
        width = rest;
        oldestRow.removeOldest(1);
        if (oldestRow.size() == 0) {
            rows.remove(last);
        }
    }

    private BucketRow row(int index) {
        if (index == rows.size()) {
            rows.add(new BucketRow(parameters.bucketsPerRow()));
        }
        return rows.get(index);
    }

    private static long bucketSize(int row) {
        return 1L << row;
    }

    /** One row of equal-size buckets, oldest first; holds one more than M until compressed. */
    private static final class BucketRow {

        private final double[] totals;
        private final double[] deviations;
        private int size;

        BucketRow(int bucketsPerRow) {
            totals = new double[bucketsPerRow + 1];
            deviations = new double[bucketsPerRow + 1];
        }

        static BucketRow of(AdwinState.Row row, int bucketsPerRow) {
            double[] rowTotals = row.totals();
            if (rowTotals.length > bucketsPerRow) {
                throw new IllegalArgumentException("stored row has " + rowTotals.length
                        + " buckets, more than bucketsPerRow " + bucketsPerRow);
            }
            BucketRow restored = new BucketRow(bucketsPerRow);
            System.arraycopy(rowTotals, 0, restored.totals, 0, rowTotals.length);
            System.arraycopy(row.squaredDeviations(), 0, restored.deviations, 0, rowTotals.length);
            restored.size = rowTotals.length;
            return restored;
        }

        AdwinState.Row export() {
            return new AdwinState.Row(Arrays.copyOf(totals, size), Arrays.copyOf(deviations, size));
        }

        int size() {
            return size;
        }

        double total(int bucket) {
            return totals[bucket];
        }

        double deviations(int bucket) {
            return deviations[bucket];
        }

        void append(double bucketTotal, double bucketDeviations) {
            totals[size] = bucketTotal;
            deviations[size] = bucketDeviations;
            size++;
        }

        void removeOldest(int count) {
            System.arraycopy(totals, count, totals, 0, size - count);
            System.arraycopy(deviations, count, deviations, 0, size - count);
            size -= count;
        }
    }
}
