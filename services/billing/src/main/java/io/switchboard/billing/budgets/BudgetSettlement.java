package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles a ledger batch against the budgets, inside the ledger's flush transaction, so that budgets move exactly
 * when the ledger does: (1) adds each booked usage's cost or tokens to the spend of every budget it applies to,
 * in the period of its event time (a late event lands in its own period); (2) releases the jobs' reservations;
 * (3) marks the 50/80/100% thresholds the new spend reached and writes their alerts to the outbox
 * ({@code budget_alerts}), once per budget, period and threshold. A handful of statements per batch, whatever
 * its size. Call it only with entries booked now (the ledger's conflict-skipping insert says which): the spend is
 * not idempotent, the reservation release is.
 */
@ApplicationScoped
public class BudgetSettlement {

    private static final String BUDGETS = "SELECT " + Budget.COLUMNS + """
             FROM budgets
            WHERE (tenant_id = ANY($1) AND scope <> 'model') OR (scope = 'model' AND model = ANY($2))
            """;

    private final BudgetSchema schema;
    private final BudgetAlerts alerts;

    BudgetSettlement(BudgetSchema schema, BudgetAlerts alerts) {
        this.schema = schema;
        this.alerts = alerts;
    }

    /** Completes once the budgets' tables exist: wait for it before opening the transaction {@link #settle} runs in. */
    public Uni<Void> ready() {
        return schema.ready();
    }

    /**
     * Settles {@code booked} in the caller's transaction on {@code connection}; fails the flush if it fails. The
     * tables must exist ({@link #ready}): DDL from inside the transaction would wait on the transaction's own locks.
     */
    public Uni<Void> settle(SqlConnection connection, List<BookedUsage> booked) {
        if (booked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> tenants = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        for (BookedUsage usage : booked) {
            tenants.add(usage.tenantId());
            models.add(usage.model());
        }
        return connection.preparedQuery(BUDGETS)
                .execute(Tuple.of(tenants.toArray(String[]::new), models.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, Budget> budgets = new HashMap<>();
                    rows.forEach(row -> budgets.put(row.getString("id"), Budget.from(row)));
                    PeriodDeltas deltas = spend(booked, budgets.values());
                    return release(connection, reservedJobs(booked, budgets.values()), deltas)
                            .chain(() -> deltas.apply(connection))
                            .chain(periods -> alerts.raise(connection, reached(periods, deltas, budgets)));
                });
    }

    /**
     * The jobs that may hold a reservation: a job reserves only against budgets that apply to it, and a budget's scope
     * never changes (deleting it deletes its reservations), so a job no budget applies to now holds none. Most usage is
     * of tenants without a hard budget: looking their jobs up cost the ledger's flush an index probe each, for nothing.
     */
    private static Set<String> reservedJobs(List<BookedUsage> booked, Collection<Budget> budgets) {
        Set<String> jobs = new LinkedHashSet<>();
        for (BookedUsage usage : booked) {
            for (Budget budget : budgets) {
                if (budget.appliesTo(usage.tenantId(), usage.apiKeyId(), usage.model())) {
                    jobs.add(usage.jobId());
                    break;
                }
            }
        }
        return jobs;
    }

    private static Uni<Void> release(SqlConnection connection, Set<String> jobs, PeriodDeltas deltas) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("DELETE FROM budget_reservations WHERE job_id = ANY($1) "
                + "RETURNING budget_id, period_start, amount").execute(Tuple.of(jobs.toArray(String[]::new)))
                .invoke(deltas::releaseAll).replaceWithVoid();
    }

    private static PeriodDeltas spend(List<BookedUsage> booked, Iterable<Budget> budgets) {
        PeriodDeltas deltas = new PeriodDeltas();
        for (Budget budget : budgets) {
            for (BookedUsage usage : booked) {
                if (budget.appliesTo(usage.tenantId(), usage.apiKeyId(), usage.model())) {
                    deltas.addSpent(budget.id(), budget.periodStart(usage.occurredAt()),
                            budget.unit().amountOf(usage.cost(), usage.totalTokens()));
                }
            }
        }
        return deltas;
    }

    /** The thresholds reached by the periods whose spend this batch moved (marks keep each to one alert). */
    private static List<BudgetAlerts.Reached> reached(RowSet<Row> periods, PeriodDeltas deltas,
            Map<String, Budget> budgets) {
        List<BudgetAlerts.Reached> reached = new ArrayList<>();
        if (periods == null) {
            return reached;
        }
        for (Row row : periods) {
            Budget budget = budgets.get(row.getString("budget_id"));
            OffsetDateTime start = row.getOffsetDateTime("period_start");
            Instant periodStart = start.toInstant();
            if (budget == null || deltas.spentOf(new PeriodDeltas.Key(budget.id(), periodStart)) == 0) {
                continue; // a release only (or a budget deleted meanwhile): no new spend, no new alert
            }
            BigDecimal spent = row.getBigDecimal("spent");
            for (int threshold : BudgetAlerts.THRESHOLDS) {
                // spent / limit >= threshold / 100, in integers; a zero limit is reached by any spend
                if (spent.multiply(BigDecimal.valueOf(100))
                        .compareTo(BigDecimal.valueOf(budget.limit()).multiply(BigDecimal.valueOf(threshold))) >= 0) {
                    reached.add(new BudgetAlerts.Reached(budget, periodStart, threshold, spent));
                }
            }
        }
        return reached;
    }
}
