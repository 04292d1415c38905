package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.TableDefinition;
import io.switchboard.evaluator.traffic.Hours;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Judge spend per scope (judged tenant, and {@link JudgeSpend#OVERALL}) and UTC hour, in PostgreSQL, incremented
 * atomically so that every replica adds to the same totals. A day's cost is the sum of its hours.
 */
@ApplicationScoped
public class SpendLedger {

    private static final TableDefinition TABLE = new TableDefinition("""
            CREATE TABLE IF NOT EXISTS judge_spend (
                scope text NOT NULL,
                hour timestamptz NOT NULL,
                tokens bigint NOT NULL,
                cost numeric(24, 10) NOT NULL,
                PRIMARY KEY (scope, hour));
            """);

    private static final String ADD = """
            INSERT INTO judge_spend (scope, hour, tokens, cost) VALUES ($1, $2, $3, $4)
            ON CONFLICT (scope, hour) DO UPDATE
            SET tokens = judge_spend.tokens + excluded.tokens, cost = judge_spend.cost + excluded.cost
            """;

    private static final String TOTALS = """
            SELECT scope, coalesce(sum(tokens) FILTER (WHERE hour = $1), 0) AS hour_tokens, sum(cost) AS day_cost
            FROM judge_spend WHERE hour >= $2 AND hour < $3 AND ($4::text[] IS NULL OR scope = ANY($4))
            GROUP BY scope
            """;

    private final Pool pool;

    public SpendLedger(Pool pool) {
        this.pool = pool;
    }

    /** Adds one judge reply's spend to its tenant's and the overall totals of the hour {@code at} falls in. */
    public Uni<Void> add(String judgedTenant, long tokens, BigDecimal cost, Instant at) {
        // the two rows in one order for every replica, so concurrent increments cannot deadlock
        List<Tuple> rows = Stream.of(judgedTenant, JudgeSpend.OVERALL).sorted()
                .map(scope -> Tuple.of(scope, Hours.utc(Hours.of(at)), tokens, cost))
                .toList();
        return TABLE.ensureIn(pool).chain(() -> pool.withTransaction(connection -> connection.preparedQuery(ADD)
                .executeBatch(rows))).replaceWithVoid();
    }

    /** The totals of the hour and the day {@code at} falls in, of the given scopes (null: of every scope). */
    public Uni<List<SpendTotals>> totals(List<String> scopes, Instant at) {
        Instant hour = Hours.of(at);
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        Tuple arguments = Tuple.of(Hours.utc(hour), Hours.utc(day), Hours.utc(day.plus(1, ChronoUnit.DAYS)),
                scopes == null ? null : scopes.toArray(String[]::new));
        return TABLE.ensureIn(pool)
                .chain(() -> pool.preparedQuery(TOTALS).execute(arguments))
                .map(rows -> {
                    List<SpendTotals> totals = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        totals.add(new SpendTotals(row.getString("scope"), hour, row.getLong("hour_tokens"),
                                row.getBigDecimal("day_cost")));
                    }
                    return totals;
                });
    }
}
