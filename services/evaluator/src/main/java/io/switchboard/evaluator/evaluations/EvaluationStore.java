package io.switchboard.evaluator.evaluations;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.Cursor;
import io.switchboard.evaluator.api.SqlConditions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads stored verdicts for the API: pages by keyset on (evaluated_at, id), newest first, which the index
 * (tenant_id, evaluated_at, id) serves for one tenant and (evaluated_at, id) for all; summaries aggregated in
 * PostgreSQL, so a summary costs one scan of the window and never ships the rows.
 */
@ApplicationScoped
public class EvaluationStore {

    private static final String GROUPING = "tenant_id, route, model, variant, check_name, scorer_version";

    private final Pool database;

    EvaluationStore(Pool database) {
        this.database = database;
    }

    public Uni<EvaluationPage> page(ScoreFilter filter, Cursor after, int limit) {
        SqlConditions conditions = filter.conditions();
        if (after != null) {
            conditions.add("(evaluated_at, id) < (?, ?)", ScoreFilter.utc(after.at()), after.numericId());
        }
        // one row more than asked tells whether there is a next page without counting
        String sql = "SELECT " + Evaluation.SQL_COLUMNS + " FROM evaluation_scores" + conditions.where()
                + " ORDER BY evaluated_at DESC, id DESC LIMIT " + conditions.bind(limit + 1);
        return database.preparedQuery(sql).execute(conditions.values()).map(rows -> {
            List<Row> all = rows.stream().toList();
            boolean hasMore = all.size() > limit;
            List<Row> page = hasMore ? all.subList(0, limit) : all;
            String next = null;
            if (hasMore) {
                Row last = page.getLast();
                next = new Cursor(last.getOffsetDateTime("evaluated_at").toInstant(),
                        Long.toString(last.getLong("id"))).encode();
            }
            return new EvaluationPage("list", page.stream().map(Evaluation::of).toList(), hasMore, next,
                    filter.window().since(), filter.window().until());
        });
    }

    public Uni<SummaryList> summary(ScoreFilter filter) {
        SqlConditions conditions = filter.conditions();
        String sql = "SELECT " + GROUPING + ", " + CheckStatistics.SQL_COLUMNS + " FROM " + CheckStatistics.WEIGHTED_SCORES
                + conditions.where() + " GROUP BY " + GROUPING + " ORDER BY " + GROUPING;
        return database.preparedQuery(sql).execute(conditions.values())
                .map(rows -> new SummaryList("list", rows.stream().map(StratumSummary::of).toList(),
                        filter.window().since(), filter.window().until()));
    }
}
