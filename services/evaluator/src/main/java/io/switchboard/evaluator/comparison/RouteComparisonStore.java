package io.switchboard.evaluator.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.SqlConditions;
import io.switchboard.evaluator.estimates.WeightedSample;
import io.switchboard.evaluator.evaluations.CheckStatistics;
import io.switchboard.evaluator.evaluations.ScoreFilter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Compares a route's variants from the stored verdicts, aggregated in PostgreSQL: per variant and check the same
 * statistics as the summaries, and the pairwise verdicts grouped by what they say, oriented and combined here.
 */
@ApplicationScoped
public class RouteComparisonStore {

    private static final String PAIRWISE_LIKE = PairwiseDetail.CHECK_PREFIX.replace("_", "\\_") + "%";

    private final Pool database;

    RouteComparisonStore(Pool database) {
        this.database = database;
    }

    public Uni<RouteComparison> compare(ScoreFilter filter) {
        return checks(filter).chain(variants -> pairwise(filter).map(tally -> {
            List<PairwiseResult> pairwise = tally.results();
            return new RouteComparison("route.comparison", filter.route(), filter.tenant(), filter.window().since(),
                    filter.window().until(), variants, pairwise, tally.unmeasuredWithoutPair(), tally.unattributed(),
                    Recommendations.of(variants, pairwise));
        }));
    }

    private Uni<List<VariantResult>> checks(ScoreFilter filter) {
        SqlConditions conditions = filter.conditions().add("check_name NOT LIKE ?", PAIRWISE_LIKE);
        String sql = "SELECT variant, check_name, scorer_version, string_agg(DISTINCT model, ',') AS models, "
                + CheckStatistics.SQL_COLUMNS + " FROM " + CheckStatistics.WEIGHTED_SCORES + conditions.where()
                + " GROUP BY variant, check_name, scorer_version ORDER BY variant NULLS FIRST, check_name, scorer_version";
        return database.preparedQuery(sql).execute(conditions.values()).map(rows -> {
            // rows come ordered by variant: each run of one variant is that variant's checks
            List<VariantResult> variants = new ArrayList<>();
            List<Row> current = new ArrayList<>();
            for (Row row : rows) {
                if (!current.isEmpty() && !Objects.equals(current.getFirst().getString("variant"), row.getString("variant"))) {
                    variants.add(variant(current));
                    current = new ArrayList<>();
                }
                current.add(row);
            }
            if (!current.isEmpty()) {
                variants.add(variant(current));
            }
            return variants;
        });
    }

    private static VariantResult variant(List<Row> rows) {
        List<String> models = rows.stream()
                .map(row -> row.getString("models"))
                .filter(Objects::nonNull)
                .flatMap(joined -> Arrays.stream(joined.split(",")))
                .distinct().sorted().toList();
        List<VariantCheck> checks = rows.stream().map(row -> new VariantCheck(row.getString("check_name"),
                row.getInteger("scorer_version"), CheckStatistics.of(row))).toList();
        return new VariantResult(rows.getFirst().getString("variant"), models, checks);
    }

    private Uni<PairwiseTally> pairwise(ScoreFilter filter) {
        SqlConditions conditions = filter.conditions().add("check_name LIKE ?", PAIRWISE_LIKE);
        String sql = """
                SELECT variant, check_name, scorer_version, detail, unmeasured, count(*) AS n, sum(w) AS sum_w,
                       sum(w * w) AS sum_w2, sum(w * score) AS sum_w_score, sum(w * score * score) AS sum_w_score2
                FROM """ + " " + CheckStatistics.WEIGHTED_SCORES + conditions.where()
                + " GROUP BY variant, check_name, scorer_version, detail, unmeasured";
        return database.preparedQuery(sql).execute(conditions.values()).map(rows -> {
            PairwiseTally tally = new PairwiseTally();
            for (Row row : rows) {
                long n = row.getLong("n");
                tally.add(row.getString("check_name"), row.getInteger("scorer_version"), row.getString("variant"),
                        row.getString("detail"), row.getBoolean("unmeasured"), n,
                        new WeightedSample(n, row.getDouble("sum_w"), row.getDouble("sum_w2"),
                                row.getDouble("sum_w_score"), row.getDouble("sum_w_score2")));
            }
            return tally;
        });
    }
}
