package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the budgets' tables straight from PostgreSQL, for assertions. */
final class BudgetsDb {

    private final Pool pool;

    BudgetsDb(Pool pool) {
        this.pool = pool;
    }

    /** spent of the budget's period starting at {@code start}, null when the period has no row. */
    BigDecimal spent(String budget, Instant start) {
        Row row = period(budget, start);
        return row == null ? null : row.getBigDecimal("spent");
    }

    BigDecimal reserved(String budget, Instant start) {
        Row row = period(budget, start);
        return row == null ? null : row.getBigDecimal("reserved");
    }

    long reservations(String budget) {
        return single("SELECT count(*) AS n FROM budget_reservations WHERE budget_id = $1", budget).getLong("n");
    }

    long alerts(String budget) {
        return single("SELECT count(*) AS n FROM budget_alerts WHERE budget_id = $1", budget).getLong("n");
    }

    List<Integer> thresholds(String budget, Instant start) {
        var rows = pool.preparedQuery("SELECT threshold FROM budget_alerts WHERE budget_id = $1 AND period_start = $2 "
                + "ORDER BY threshold").execute(Tuple.of(budget, start.atOffset(ZoneOffset.UTC))).await().indefinitely();
        List<Integer> thresholds = new ArrayList<>();
        rows.forEach(row -> thresholds.add(row.getInteger("threshold")));
        return thresholds;
    }

    long count(String sql, Object... arguments) {
        return single(sql, arguments).getLong("n");
    }

    void execute(String sql, Object... arguments) {
        pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().indefinitely();
    }

    private Row period(String budget, Instant start) {
        return single("SELECT spent, reserved FROM budget_periods WHERE budget_id = $1 AND period_start = $2", budget,
                start.atOffset(ZoneOffset.UTC));
    }

    private Row single(String sql, Object... arguments) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}
