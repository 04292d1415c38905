package io.switchboard.billing.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.ledger.LedgerEntry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the ledger's flush writes for analysts, in its transaction, for the entries it booked now (never for a
 * redelivered event): one outbox row naming them all for {@code switchboard.usage.priced.v1} (a row per entry cost
 * PostgreSQL an insert, an index entry and a delete for each: more than booking the entry itself), and, for entries of an hour
 * already closed, adjustment lines and the adjustment records of {@code switchboard.usage.hourly.v1}.
 *
 * <p>A usage flush's row is marked {@code direct}: the flush publishes its entries from memory after its commit and
 * deletes the row; the row is there for the case it cannot (a crash, a broker failure), when the drain takes it after
 * a grace. Corrections' rows are left to the drain, which reads their signed entries back from the ledger.
 *
 * <p>Why the lock: {@link HourCloser} closes an hour by reading its rollups; a flush that added to that hour but had
 * not committed yet would be in neither the rollup nor an adjustment. So the flush holds a shared advisory lock from
 * here to its commit and reads the closed hours only once it has it, and the closer takes the same lock exclusively:
 * a flush either commits before the closer reads (its usage is in the rollup) or reads the hour as closed (its usage
 * is an adjustment). Flushes share the lock, so they never wait on each other.
 */
@ApplicationScoped
public class AnalyticsOutbox {

    /** The advisory lock between flushes and the closing of hours (an arbitrary constant: "HOURS" in ASCII). */
    static final long CLOSING_LOCK = 0x484f555253L;

    /** now() is the transaction's start, the same instant as every entry's {@code booked_at} default. */
    private static final String QUEUE_AND_LOCK = """
            WITH queued AS (
              INSERT INTO priced_usage_outbox_batches (tenant_ids, event_ids, direct)
              VALUES ($1::text[], $2::text[], $4)
              RETURNING seq
            )
            SELECT (SELECT seq FROM queued) AS seq, now() AS booked_at, pg_advisory_xact_lock_shared($3)
            """;

    private static final String LOCK = "SELECT pg_advisory_xact_lock_shared($1)";

    /** A statement of its own, so that it sees every closing committed before the lock was granted. */
    private static final String CLOSED_THROUGH = "SELECT max(hour) AS through FROM ledger_closed_hours";

    static final String ADJUST = """
            WITH late AS (
              SELECT e.tenant_id, e.event_id, date_trunc('hour', e.occurred_at, 'UTC') AS hour, e.model, e.provider,
                     coalesce(e.api_key_id, '') AS api_key_id, coalesce(e.route, '') AS route,
                     coalesce(e.variant, '') AS variant, e.batch, e.cache_hit, e.price_version, e.corrects_event_id, %1$s
              FROM unnest($1::text[], $2::text[]) AS l(tenant_id, event_id)
              JOIN ledger_entries e ON e.tenant_id = l.tenant_id AND e.event_id = l.event_id
            ), records AS (
              INSERT INTO hourly_usage_outbox (record_id, kind, rollup_id, %2$s, %3$s, closed_at, recorded_at)
              SELECT md5(concat_ws(chr(31), 'adjustment', tenant_id, min(event_id)))::uuid::text, 'adjustment', %4$s,
                     %2$s, %5$s,
                     coalesce((SELECT c.closed_at FROM ledger_closed_hours c WHERE c.hour = late.hour),
                              (SELECT min(c.closed_at) FROM ledger_closed_hours c)), now()
              FROM late GROUP BY %2$s
              RETURNING record_id, rollup_id
            )
            INSERT INTO ledger_adjustment_lines (tenant_id, event_id, hour, record_id)
            SELECT late.tenant_id, late.event_id, late.hour, r.record_id FROM late
            JOIN records r ON r.rollup_id = %6$s
            """.formatted(HourlyColumns.list(HourlyColumns.TOKENS) + ", " + HourlyColumns.list(HourlyColumns.MONEY),
                    HourlyColumns.list(HourlyColumns.DIMENSIONS), HourlyColumns.list(HourlyColumns.MEASURES),
                    HourlyColumns.rollupId(""), HourlyColumns.sumsOfEntries(), HourlyColumns.rollupId("late"));

    private final AnalyticsSchema schema;
    private final AnalyticsConfig config;

    AnalyticsOutbox(AnalyticsSchema schema, AnalyticsConfig config) {
        this.schema = schema;
        this.config = config;
    }

    /** Completes once the outboxes exist: wait for it before opening the transaction {@link #booked} runs in. */
    public Uni<Void> ready() {
        return schema.ready();
    }

    /**
     * Call in the flush's transaction, after the ledger insert, with the usage entries booked now: queues them for
     * publishing from memory once the transaction commits (empty if nothing was booked or the topic is off). The
     * tables must exist ({@link #ready}): DDL from inside the transaction would wait on the transaction's own locks.
     */
    public Uni<Optional<QueuedEntries>> booked(SqlConnection connection, List<LedgerEntry> booked) {
        return queue(connection, booked, true);
    }

    /** As {@link #booked}, for corrections' entries, which the drain publishes (it reads their signed rows back). */
    public Uni<Void> corrected(SqlConnection connection, List<LedgerEntry> corrected) {
        return queue(connection, corrected, false).replaceWithVoid();
    }

    private Uni<Optional<QueuedEntries>> queue(SqlConnection connection, List<LedgerEntry> entries, boolean direct) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return queueAndLock(connection, entries, direct)
                .call(queued -> connection.query(CLOSED_THROUGH).execute()
                        .chain(rows -> adjustClosedHours(connection, entries, closedThrough(rows))));
    }

    private Uni<Optional<QueuedEntries>> queueAndLock(SqlConnection connection, List<LedgerEntry> booked,
            boolean direct) {
        if (!config.pricedUsage()) {
            return connection.preparedQuery(LOCK).execute(Tuple.of(CLOSING_LOCK)).replaceWith(Optional.empty());
        }
        String[] tenants = booked.stream().map(entry -> entry.usage().tenantId()).toArray(String[]::new);
        String[] ids = booked.stream().map(LedgerEntry::eventId).toArray(String[]::new);
        return connection.preparedQuery(QUEUE_AND_LOCK).execute(Tuple.of(tenants, ids, CLOSING_LOCK, direct))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return Optional.of(new QueuedEntries(row.getLong("seq"),
                            row.getOffsetDateTime("booked_at").toInstant(), booked));
                });
    }

    private static Instant closedThrough(RowSet<Row> rows) {
        OffsetDateTime through = rows.iterator().next().getOffsetDateTime("through");
        return through == null ? null : through.toInstant();
    }

    /** Usually none: only entries of an hour already closed, booked late, become adjustments. */
    private static Uni<Void> adjustClosedHours(SqlConnection connection, List<LedgerEntry> booked, Instant through) {
        if (through == null) {
            return Uni.createFrom().voidItem();
        }
        List<LedgerEntry> late = booked.stream()
                .filter(entry -> !entry.usage().occurredAt().truncatedTo(ChronoUnit.HOURS).isAfter(through)).toList();
        if (late.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] tenants = late.stream().map(entry -> entry.usage().tenantId()).toArray(String[]::new);
        String[] ids = late.stream().map(LedgerEntry::eventId).toArray(String[]::new);
        return connection.preparedQuery(ADJUST).execute(Tuple.of(tenants, ids)).replaceWithVoid();
    }
}
