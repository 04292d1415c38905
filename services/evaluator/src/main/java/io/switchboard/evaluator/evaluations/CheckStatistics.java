package io.switchboard.evaluator.evaluations;

import io.switchboard.evaluator.estimates.Estimate;
import io.switchboard.evaluator.estimates.Interval;
import io.switchboard.evaluator.estimates.WeightedSample;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What a group of scores of one check says: how many were measured and how many not (a judge reply that could not be
 * read: listed, counted here, and left out of every rate and mean), the pass rate with Wilson's interval, the mean
 * score and the mean measured value with Student's t intervals, all weighted by {@code 1 / sampling_probability}.
 */
public record CheckStatistics(long measured, long unmeasured, Estimate passRate, Estimate meanScore,
        Estimate meanValue) {

    private static final Interval SCORE_RANGE = new Interval(0, 1);

    /**
     * The sums {@link #of(Row)} reads, as SQL select items over {@code evaluation_scores}. A probability outside
     * (0, 1] cannot come from a sampler; it is clamped rather than allowed to divide by zero.
     */
    public static final String SQL_COLUMNS = """
            count(*) FILTER (WHERE NOT unmeasured) AS n,
            count(*) FILTER (WHERE unmeasured) AS n_unmeasured,
            coalesce(sum(w) FILTER (WHERE NOT unmeasured), 0) AS sum_w,
            coalesce(sum(w * w) FILTER (WHERE NOT unmeasured), 0) AS sum_w2,
            coalesce(sum(w) FILTER (WHERE NOT unmeasured AND passed), 0) AS sum_w_pass,
            coalesce(sum(w * score) FILTER (WHERE NOT unmeasured), 0) AS sum_w_score,
            coalesce(sum(w * score * score) FILTER (WHERE NOT unmeasured), 0) AS sum_w_score2,
            count(*) FILTER (WHERE NOT unmeasured AND measured_value IS NOT NULL) AS n_value,
            coalesce(sum(w) FILTER (WHERE NOT unmeasured AND measured_value IS NOT NULL), 0) AS sum_w_v,
            coalesce(sum(w * w) FILTER (WHERE NOT unmeasured AND measured_value IS NOT NULL), 0) AS sum_w2_v,
            coalesce(sum(w * measured_value) FILTER (WHERE NOT unmeasured AND measured_value IS NOT NULL), 0) AS sum_w_value,
            coalesce(sum(w * measured_value * measured_value) FILTER (WHERE NOT unmeasured AND measured_value IS NOT NULL), 0)
                AS sum_w_value2
            """;

    /** The rows of {@code evaluation_scores} with their weight {@code w}, for {@link #SQL_COLUMNS}. */
    public static final String WEIGHTED_SCORES = """
            (SELECT s.*, 1.0 / LEAST(1.0, GREATEST(s.sampling_probability, 0.000001)) AS w FROM evaluation_scores s) scores""";

    public static CheckStatistics of(Row row) {
        long n = row.getLong("n");
        double sumW = row.getDouble("sum_w");
        double sumW2 = row.getDouble("sum_w2");
        double sumWPass = row.getDouble("sum_w_pass");
        WeightedSample passes = new WeightedSample(n, sumW, sumW2, sumWPass, sumWPass);
        WeightedSample scores = new WeightedSample(n, sumW, sumW2, row.getDouble("sum_w_score"),
                row.getDouble("sum_w_score2"));
        WeightedSample values = new WeightedSample(row.getLong("n_value"), row.getDouble("sum_w_v"),
                row.getDouble("sum_w2_v"), row.getDouble("sum_w_value"), row.getDouble("sum_w_value2"));
        return new CheckStatistics(n, row.getLong("n_unmeasured"), passes.proportion(), scores.mean(SCORE_RANGE),
                values.mean(null));
    }
}
