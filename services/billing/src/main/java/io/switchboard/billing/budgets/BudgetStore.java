package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The budget definitions: create, read, change limit or enforcement, delete. */
@ApplicationScoped
public class BudgetStore {

    private final Pool pool;
    private final BudgetSchema schema;

    BudgetStore(Pool pool, BudgetSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    public Uni<Budget> create(BudgetRequests.NewBudget budget) {
        String id = "bud_" + UUID.randomUUID().toString().replace("-", "");
        return schema.ready().chain(() -> pool.preparedQuery("""
                INSERT INTO budgets (id, scope, tenant_id, api_key_id, model, period, time_zone, unit, limit_amount,
                                     enforcement)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING\s""" + Budget.COLUMNS)
                .execute(Tuple.from(new Object[] { id, budget.scope().wire(), budget.tenantId(), budget.apiKeyId(),
                        budget.model(), budget.period().wire(), budget.timeZone().getId(), budget.unit().wire(),
                        budget.limit(), budget.enforcement().wire() })))
                .map(rows -> Budget.from(rows.iterator().next()));
    }

    /** The tenant's budgets (tenant, key and tenant × model scopes), oldest first; never another tenant's. */
    public Uni<List<Budget>> ofTenant(String tenant) {
        return schema.ready().chain(() -> pool.preparedQuery("SELECT " + Budget.COLUMNS
                + " FROM budgets WHERE tenant_id = $1 ORDER BY created_at, id").execute(Tuple.of(tenant)))
                .map(BudgetStore::budgets);
    }

    /** The operator's budgets on models across tenants. */
    public Uni<List<Budget>> onModels() {
        return schema.ready().chain(() -> pool.query("SELECT " + Budget.COLUMNS
                + " FROM budgets WHERE scope = 'model' ORDER BY created_at, id").execute())
                .map(BudgetStore::budgets);
    }

    /**
     * Who has hard budgets: the tenants with one of their own (tenant, key or tenant × model scope) and the models with
     * an operator's one. The ingress keeps this to decide, when billing cannot be reached, whom to refuse (fail closed)
     * and whom to let through (no hard budget applies: fail open).
     */
    public Uni<HardScopes> hardScopes() {
        return schema.ready().chain(() -> pool.query("SELECT DISTINCT scope, tenant_id, model FROM budgets "
                + "WHERE enforcement = 'hard'").execute())
                .map(rows -> {
                    Set<String> tenants = new TreeSet<>();
                    Set<String> models = new TreeSet<>();
                    rows.forEach(row -> {
                        if ("model".equals(row.getString("scope"))) {
                            models.add(row.getString("model"));
                        } else {
                            tenants.add(row.getString("tenant_id"));
                        }
                    });
                    return new HardScopes(List.copyOf(tenants), List.copyOf(models));
                });
    }

    /** The tenants and the models that hard budgets apply to. */
    public record HardScopes(List<String> tenants, List<String> models) {
    }

    public Uni<Optional<Budget>> byId(String id) {
        return schema.ready().chain(() -> pool.preparedQuery("SELECT " + Budget.COLUMNS
                + " FROM budgets WHERE id = $1").execute(Tuple.of(id)))
                .map(rows -> budgets(rows).stream().findFirst());
    }

    /**
     * Changes limit and/or enforcement from now on: the current period keeps its spend and reservations and is
     * measured against the new limit (so a lowered limit may already be reached; raised, it makes room at once).
     */
    public Uni<Optional<Budget>> change(String id, BudgetRequests.BudgetChange change) {
        return byId(id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Budget> empty());
            }
            Budget budget = found.get();
            Long limit = change.limit() == null ? null : BudgetRequests.limit(change.limit(), budget.unit());
            String enforcement = change.enforcement() == null ? null : change.enforcement().wire();
            return pool.preparedQuery("UPDATE budgets SET limit_amount = coalesce($2, limit_amount), "
                    + "enforcement = coalesce($3, enforcement), updated_at = now() WHERE id = $1 RETURNING "
                    + Budget.COLUMNS).execute(Tuple.of(id, limit, enforcement))
                    .map(rows -> budgets(rows).stream().findFirst());
        });
    }

    /** Deletes the budget with its periods and reservations; its alerts already raised stay in the outbox. */
    public Uni<Boolean> delete(String id) {
        return schema.ready().chain(() -> pool.preparedQuery("DELETE FROM budgets WHERE id = $1")
                .execute(Tuple.of(id))).map(rows -> rows.rowCount() == 1);
    }

    /** The period's spend and reservations of a budget, in its unit; zeros when nothing was counted yet. */
    public Uni<PeriodState> state(SqlClient client, Budget budget, Instant periodStart) {
        return client.preparedQuery("SELECT spent, reserved FROM budget_periods WHERE budget_id = $1 "
                + "AND period_start = $2").execute(Tuple.of(budget.id(), periodStart.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().hasNext()
                        ? new PeriodState(periodStart, rows.iterator().next().getBigDecimal("spent"),
                                rows.iterator().next().getBigDecimal("reserved"))
                        : new PeriodState(periodStart, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    public Pool pool() {
        return pool;
    }

    private static List<Budget> budgets(RowSet<Row> rows) {
        List<Budget> budgets = new ArrayList<>(rows.size());
        rows.forEach(row -> budgets.add(Budget.from(row)));
        return budgets;
    }

    /** A budget's counters in one period. */
    public record PeriodState(Instant periodStart, BigDecimal spent, BigDecimal reserved) {
    }
}
