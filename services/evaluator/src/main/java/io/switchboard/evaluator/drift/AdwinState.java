package io.switchboard.evaluator.drift;

import java.util.Arrays;
import java.util.List;

/**
 * Everything an {@link Adwin} window holds, in a form that JSON carries exactly (Jackson writes a double
 * so that it reads back to the same bits), so a detector survives a restart unchanged.
 *
 * @param rows bucket rows: row {@code i} holds buckets of {@code 2^i} samples, oldest first
 * @param width samples in the window
 * @param total their sum
 * @param squaredDeviations their sum of squared deviations from the window's mean
 * @param inserts samples inserted since the window was created, which times the cut tests
 */
public record AdwinState(List<Row> rows, long width, double total, double squaredDeviations, long inserts) {

    public AdwinState {
        rows = List.copyOf(rows);
    }

    /** One row's buckets, oldest first: each bucket's sum and sum of squared deviations. */
    public record Row(double[] totals, double[] squaredDeviations) {

        public Row {
            if (totals.length != squaredDeviations.length) {
                throw new IllegalArgumentException("a row needs as many totals as deviations");
            }
            totals = totals.clone();
            squaredDeviations = squaredDeviations.clone();
        }

        @Override
        public double[] totals() {
            return totals.clone();
        }

        @Override
        public double[] squaredDeviations() {
            return squaredDeviations.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Row row
                    && Arrays.equals(totals, row.totals)
                    && Arrays.equals(squaredDeviations, row.squaredDeviations);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(totals) + Arrays.hashCode(squaredDeviations);
        }

        @Override
        public String toString() {
            return "Row" + Arrays.toString(totals);
        }
    }
}
