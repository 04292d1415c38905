package io.switchboard.billing.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Closes hours, one at a time and in order, once each has ended and its grace period passed: in one transaction it
 * marks the hour closed and copies its rollups ({@code ledger_hourly}) into the hourly outbox as {@code rollup}
 * records, which are never written again for that hour (should an operator reopen an hour by deleting its mark, closing it
 * again queues only rollups never queued before: a published rollup is not restated). From then on the flush turns usage of that hour into
 * adjustments ({@link AnalyticsOutbox}, which explains the lock). Any number of replicas may run it: the exclusive
 * lock makes them close each hour once, in turn.
 */
@ApplicationScoped
public class HourCloser {

    private static final Logger LOG = Logger.getLogger(HourCloser.class);

    /** At most this many hours per run, so that a first start or a long outage catches up in steps. */
    static final int HOURS_PER_RUN = 48;

    private static final String ROLLUPS = """
            INSERT INTO hourly_usage_outbox (record_id, kind, rollup_id, %1$s, %2$s, closed_at, recorded_at)
            SELECT %3$s, 'rollup', %3$s, %1$s, %4$s, now(), now()
            FROM ledger_hourly WHERE hour = $1
            ORDER BY tenant_id, model, provider, api_key_id, route, variant, batch
            ON CONFLICT (record_id) DO NOTHING
            """.formatted(HourlyColumns.list(HourlyColumns.DIMENSIONS), HourlyColumns.list(HourlyColumns.MEASURES),
            HourlyColumns.rollupId(""),
            // sums are numeric in the rollups; an hour of one tenant and combination fits a bigint (~$9.2 million)
            String.join(", ", HourlyColumns.MEASURES.stream().map(column -> column + "::bigint").toList()));

    private final Pool pool;
    private final AnalyticsSchema schema;
    private final AnalyticsConfig config;

    HourCloser(Pool pool, AnalyticsSchema schema, AnalyticsConfig config) {
        this.pool = pool;
        this.schema = schema;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.billing.analytics.close-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> closeDue() {
        return closeDue(Instant.now()).replaceWithVoid();
    }

    /** Closes, in order, every hour that ended at least the grace period before {@code now}; how many it closed. */
    public Uni<Integer> closeDue(Instant now) {
        return schema.ready().chain(() -> closeFrom(now, 0));
    }

    private Uni<Integer> closeFrom(Instant now, int closed) {
        if (closed == HOURS_PER_RUN) {
            return Uni.createFrom().item(closed);
        }
        return pool.withTransaction(connection -> closeNext(connection, now))
                .chain(didClose -> didClose ? closeFrom(now, closed + 1) : Uni.createFrom().item(closed));
    }

    private Uni<Boolean> closeNext(SqlConnection connection, Instant now) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(AnalyticsOutbox.CLOSING_LOCK))
                .chain(() -> connection.query("SELECT max(hour) AS through FROM ledger_closed_hours").execute())
                .chain(rows -> {
                    OffsetDateTime through = rows.iterator().next().getOffsetDateTime("through");
                    Instant next = through != null ? through.toInstant().plus(1, ChronoUnit.HOURS)
                            : now.minus(config.firstCloseBackfill()).truncatedTo(ChronoUnit.HOURS);
                    if (next.plus(1, ChronoUnit.HOURS).plus(config.closeGrace()).isAfter(now)) {
                        return Uni.createFrom().item(false);
                    }
                    OffsetDateTime hour = next.atOffset(ZoneOffset.UTC);
                    return connection.preparedQuery("INSERT INTO ledger_closed_hours (hour, closed_at) VALUES ($1, now())")
                            .execute(Tuple.of(hour))
                            .chain(() -> connection.preparedQuery(ROLLUPS).execute(Tuple.of(hour)))
                            .invoke(rollups -> LOG.infof("hour %s closed: %d rollups queued for the hourly topic", next,
                                    rollups.rowCount()))
                            .replaceWith(true);
                });
    }
}
