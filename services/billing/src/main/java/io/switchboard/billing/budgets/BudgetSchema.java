package io.switchboard.billing.budgets;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.schema.Ddl;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The budgets' tables, by explicit, idempotent DDL at start-up (and before first use, since the ledger's flush may
 * settle before start-up observers run). Amounts are in the budget's unit: picodollars or tokens; limits
 * {@code bigint}, period sums {@code numeric}. README.md ("Budgets") describes each table.
 */
@ApplicationScoped
public class BudgetSchema {

    private static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS budgets (
                id text PRIMARY KEY,
                scope text NOT NULL CHECK (scope IN ('tenant', 'api_key', 'tenant_model', 'model')),
                tenant_id text,
                api_key_id text,
                model text,
                period text NOT NULL CHECK (period IN ('daily', 'monthly', 'lifetime')),
                time_zone text NOT NULL,
                unit text NOT NULL CHECK (unit IN ('usd', 'tokens')),
                limit_amount bigint NOT NULL CHECK (limit_amount >= 0),
                enforcement text NOT NULL CHECK (enforcement IN ('hard', 'soft')),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            "CREATE INDEX IF NOT EXISTS budgets_by_tenant ON budgets (tenant_id)",
            "CREATE INDEX IF NOT EXISTS budgets_by_model ON budgets (model) WHERE scope = 'model'",
            """
            CREATE TABLE IF NOT EXISTS budget_periods (
                budget_id text NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
                period_start timestamptz NOT NULL,
                spent numeric NOT NULL DEFAULT 0,
                reserved numeric NOT NULL DEFAULT 0,
                PRIMARY KEY (budget_id, period_start))
            """, """
            CREATE TABLE IF NOT EXISTS budget_reservations (
                job_id text NOT NULL,
                budget_id text NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
                period_start timestamptz NOT NULL,
                amount bigint NOT NULL CHECK (amount >= 0),
                expires_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job_id, budget_id))
            """,
            "CREATE INDEX IF NOT EXISTS budget_reservations_by_expiry ON budget_reservations (expires_at)",
            """
            CREATE TABLE IF NOT EXISTS budget_alerts (
                budget_id text NOT NULL,
                period_start timestamptz NOT NULL,
                threshold integer NOT NULL,
                alert_id text NOT NULL UNIQUE,
                topic_key text NOT NULL,
                payload text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                published_at timestamptz,
                PRIMARY KEY (budget_id, period_start, threshold))
            """,
            "CREATE INDEX IF NOT EXISTS budget_alerts_unpublished ON budget_alerts (created_at) "
                    + "WHERE published_at IS NULL");

    private final Uni<Void> ready;

    BudgetSchema(Pool pool) {
        this.ready = Ddl.once(Ddl.apply(pool, DDL));
    }

    void onStart(@Observes StartupEvent start) {
        ready().await().indefinitely();
    }

    /**
     * Completes once the tables exist; after the first success it costs nothing. Never call it inside a transaction:
     * the DDL locks the tables it names, so a transaction that had written one of them would wait on itself.
     */
    public Uni<Void> ready() {
        return ready;
    }
}
