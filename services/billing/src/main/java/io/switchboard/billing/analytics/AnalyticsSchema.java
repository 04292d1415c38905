package io.switchboard.billing.analytics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.ledger.LedgerSchema;
import io.switchboard.billing.schema.Ddl;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The analysts' outboxes and the closed hours, by explicit idempotent DDL after the ledger's own tables (the flush
 * may run before start-up observers, so also before first use). README.md ("Analysts' topics") describes each.
 */
@ApplicationScoped
public class AnalyticsSchema {

    private static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS priced_usage_outbox_batches (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tenant_ids text[] NOT NULL,
                event_ids text[] NOT NULL)
            """,
            // a usage flush's row is published from memory by the flush (direct), the drain's only after a grace
            """
            ALTER TABLE priced_usage_outbox_batches
                ADD COLUMN IF NOT EXISTS queued_at timestamptz NOT NULL DEFAULT now(),
                ADD COLUMN IF NOT EXISTS direct boolean NOT NULL DEFAULT false
            """,
            // each row names a flush's thousands of entries, stored compressed out of line; by default with pglz,
            // which was a fiftieth of PostgreSQL's CPU in the billing bench. lz4 where the server has it (PostgreSQL
            // 14 and up, built with it, as Debian's and the official image are); where not, pglz stays
            """
            DO $$ BEGIN
              ALTER TABLE priced_usage_outbox_batches
                ALTER COLUMN tenant_ids SET COMPRESSION lz4, ALTER COLUMN event_ids SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported THEN NULL;
            END $$
            """,
            // the outbox of earlier builds, a row per entry: what it still holds moves over, in its order, as one batch
            """
            DO $$ BEGIN
              IF to_regclass('priced_usage_outbox') IS NOT NULL THEN
                LOCK TABLE priced_usage_outbox;
                INSERT INTO priced_usage_outbox_batches (tenant_ids, event_ids)
                SELECT array_agg(tenant_id ORDER BY seq), array_agg(event_id ORDER BY seq) FROM priced_usage_outbox
                HAVING count(*) > 0;
                DROP TABLE priced_usage_outbox;
              END IF;
            END $$
            """, """
            CREATE TABLE IF NOT EXISTS ledger_closed_hours (
                hour timestamptz PRIMARY KEY,
                closed_at timestamptz NOT NULL)
            """, """
            CREATE TABLE IF NOT EXISTS ledger_adjustment_lines (
                tenant_id text NOT NULL,
                event_id text NOT NULL,
                hour timestamptz NOT NULL,
                record_id text NOT NULL,
                booked_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (tenant_id, event_id))
            """, """
            CREATE TABLE IF NOT EXISTS hourly_usage_outbox (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                record_id text NOT NULL UNIQUE,
                kind text NOT NULL,
                rollup_id text NOT NULL,
                tenant_id text NOT NULL,
                hour timestamptz NOT NULL,
                model text NOT NULL,
                provider text NOT NULL,
                api_key_id text NOT NULL,
                route text NOT NULL,
                variant text NOT NULL,
                batch boolean NOT NULL,
                requests bigint NOT NULL,
                cache_hits bigint NOT NULL,
                unpriced_requests bigint NOT NULL,
                prompt_tokens bigint NOT NULL,
                completion_tokens bigint NOT NULL,
                total_tokens bigint NOT NULL,
                cached_tokens bigint NOT NULL,
                cache_write_tokens bigint NOT NULL,
                cache_write_1h_tokens bigint NOT NULL,
                reasoning_tokens bigint NOT NULL,
                saved_tokens bigint NOT NULL,
                input_pusd bigint NOT NULL,
                cached_input_pusd bigint NOT NULL,
                cache_write_pusd bigint NOT NULL,
                output_pusd bigint NOT NULL,
                reasoning_pusd bigint NOT NULL,
                saved_by_cache_pusd bigint NOT NULL,
                saved_by_batch_pusd bigint NOT NULL,
                closed_at timestamptz NOT NULL,
                recorded_at timestamptz NOT NULL,
                published_at timestamptz)
            """,
            "CREATE INDEX IF NOT EXISTS hourly_usage_outbox_unpublished ON hourly_usage_outbox (seq) "
                    + "WHERE published_at IS NULL",
            // the closer reads one hour of the rollups at a time; their primary key starts with the tenant
            "CREATE INDEX IF NOT EXISTS ledger_hourly_by_hour ON ledger_hourly (hour)");

    private final Uni<Void> ready;

    AnalyticsSchema(Pool pool, LedgerSchema ledger) {
        this.ready = Ddl.once(Uni.createFrom().deferred(ledger::ready).chain(() -> Ddl.apply(pool, DDL)));
    }

    void onStart(@Observes StartupEvent start) {
        ready().await().indefinitely();
    }

    /**
     * Completes once the tables exist (the ledger's first); after the first success it costs nothing. Never call it
     * inside a transaction: the DDL locks the tables it names (an index on {@code ledger_hourly}), so a flush that had
     * written one of them would wait on itself.
     */
    public Uni<Void> ready() {
        return ready;
    }
}
