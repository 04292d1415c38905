package io.switchboard.billing.ledger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.schema.Ddl;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The ledger's tables, created by explicit, idempotent DDL (never by Hibernate's schema update), at start-up
 * and, since the Kafka consumer may be assigned partitions before start-up observers run, before first use.
 * Money is in picodollars: {@code bigint} per entry, {@code numeric} in sums. README.md describes each table.
 */
@ApplicationScoped
public class LedgerSchema {

    private static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS ledger_entries (
                tenant_id text NOT NULL,
                event_id text NOT NULL,
                fingerprint bigint NOT NULL,
                job_id text NOT NULL,
                occurred_at timestamptz NOT NULL,
                provider text NOT NULL,
                provider_model text,
                model text NOT NULL,
                route text,
                variant text,
                api_key_id text,
                batch boolean NOT NULL,
                cache_hit boolean NOT NULL,
                prompt_tokens bigint NOT NULL,
                completion_tokens bigint NOT NULL,
                total_tokens bigint NOT NULL,
                cached_tokens bigint NOT NULL,
                cache_write_tokens bigint NOT NULL,
                cache_write_1h_tokens bigint NOT NULL,
                reasoning_tokens bigint NOT NULL,
                price_version text,
                input_pusd bigint NOT NULL,
                cached_input_pusd bigint NOT NULL,
                cache_write_pusd bigint NOT NULL,
                output_pusd bigint NOT NULL,
                reasoning_pusd bigint NOT NULL,
                saved_by_cache_pusd bigint NOT NULL,
                saved_by_batch_pusd bigint NOT NULL,
                booked_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (tenant_id, event_id))
            """,
            // the reports finer than an hour read a tenant's entries by time (LedgerTotals); without it they read all of
            // the tenant's entries (README, "Usage and costs reports": EXPLAIN figures). On a large existing ledger,
            // create it CONCURRENTLY by hand before deploying: this statement would block the ledger's writes meanwhile
            "CREATE INDEX IF NOT EXISTS ledger_entries_by_tenant_and_time ON ledger_entries (tenant_id, occurred_at)",
            // an append-only table growing by tens of thousands of rows a second: by default autovacuum analyzes it
            // after every 10 % of growth, a 30,000-row sample each time, and in a profile of the billing bench (a young
            // ledger filling) ANALYZE took a tenth of PostgreSQL's CPU samples. Its queries are key and index lookups
            // whose plans do not hang on fresh statistics: once per half a million new entries is enough
            "ALTER TABLE ledger_entries SET (autovacuum_analyze_threshold = 500000)",
            // corrections (Corrections): an entry of its own naming the usage event it corrects; null for usage.
            // Added to a ledger created before them; a partial index, as corrections are few
            "ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS corrects_event_id text",
            "ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS correction text",
            "CREATE INDEX IF NOT EXISTS ledger_entries_corrections ON ledger_entries (tenant_id, corrects_event_id) "
                    + "WHERE corrects_event_id IS NOT NULL", """
            CREATE TABLE IF NOT EXISTS ledger_hourly (
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
                input_pusd numeric NOT NULL,
                cached_input_pusd numeric NOT NULL,
                cache_write_pusd numeric NOT NULL,
                output_pusd numeric NOT NULL,
                reasoning_pusd numeric NOT NULL,
                saved_by_cache_pusd numeric NOT NULL,
                saved_by_batch_pusd numeric NOT NULL,
                PRIMARY KEY (tenant_id, hour, model, provider, api_key_id, route, variant, batch))
                WITH (fillfactor = 50)
            """,
            // every flush adds to hundreds of these rows: with room left on their page, an update stays on it (a HOT
            // update) and touches no index; on full pages each one inserted into both indexes and wrote twice the WAL
            "ALTER TABLE ledger_hourly SET (fillfactor = 50)", """
            CREATE TABLE IF NOT EXISTS ledger_offsets (
                consumer_group text NOT NULL,
                topic text NOT NULL,
                partition integer NOT NULL,
                epoch bigint NOT NULL,
                next_offset bigint,
                owner text NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (consumer_group, topic, partition))
            """);

    private final Uni<Void> ready;

    LedgerSchema(Pool pool) {
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
