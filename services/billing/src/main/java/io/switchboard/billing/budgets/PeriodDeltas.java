package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Changes to budget periods' {@code spent} and {@code reserved}, summed per (budget, period) and applied in one
 * statement, in (budget id, period start) order: every writer of budget periods (reservations, releases, the
 * sweeper, settlement) locks them in that order, so they never deadlock one another.
 */
final class PeriodDeltas {

    /** Adds to spent and reserved; creates the period when it has none yet (a new period starts from zero). */
    private static final String APPLY = """
            INSERT INTO budget_periods AS p (budget_id, period_start, spent, reserved)
            SELECT d.budget_id, d.period_start, d.spent, d.reserved
            FROM unnest($1::text[], $2::timestamptz[], $3::numeric[], $4::numeric[])
                AS d(budget_id, period_start, spent, reserved)
            ORDER BY d.budget_id, d.period_start
            ON CONFLICT (budget_id, period_start)
            DO UPDATE SET spent = p.spent + excluded.spent, reserved = p.reserved + excluded.reserved
            RETURNING p.budget_id, p.period_start, p.spent, p.reserved
            """;

    record Key(String budgetId, Instant periodStart) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int byBudget = budgetId.compareTo(other.budgetId);
            return byBudget != 0 ? byBudget : periodStart.compareTo(other.periodStart);
        }
    }

    record Delta(long spent, long reserved) {
    }

    private final Map<Key, Delta> deltas = new TreeMap<>();

    void addSpent(String budgetId, Instant periodStart, long amount) {
        deltas.merge(new Key(budgetId, periodStart), new Delta(amount, 0),
                (a, b) -> new Delta(Math.addExact(a.spent, b.spent), a.reserved));
    }

    void releaseReserved(String budgetId, Instant periodStart, long amount) {
        deltas.merge(new Key(budgetId, periodStart), new Delta(0, -amount),
                (a, b) -> new Delta(a.spent, Math.addExact(a.reserved, b.reserved)));
    }

    /** Adds the released amounts of {@code DELETE FROM budget_reservations ... RETURNING budget_id, period_start, amount}. */
    void releaseAll(RowSet<Row> released) {
        for (Row row : released) {
            releaseReserved(row.getString("budget_id"), row.getOffsetDateTime("period_start").toInstant(),
                    row.getLong("amount"));
        }
    }

    boolean isEmpty() {
        return deltas.isEmpty();
    }

    long spentOf(Key key) {
        Delta delta = deltas.get(key);
        return delta == null ? 0 : delta.spent;
    }

    /** Applies every change; the rows as they now stand (spent and reserved after the change). */
    Uni<RowSet<Row>> apply(SqlClient client) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        int n = deltas.size();
        String[] budgets = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        BigDecimal[] spent = new BigDecimal[n];
        BigDecimal[] reserved = new BigDecimal[n];
        int i = 0;
        for (Map.Entry<Key, Delta> entry : deltas.entrySet()) {
            budgets[i] = entry.getKey().budgetId();
            starts[i] = entry.getKey().periodStart().atOffset(ZoneOffset.UTC);
            spent[i] = BigDecimal.valueOf(entry.getValue().spent());
            reserved[i] = BigDecimal.valueOf(entry.getValue().reserved());
            i++;
        }
        return client.preparedQuery(APPLY).execute(Tuple.of(budgets, starts, spent, reserved));
    }
}
