package io.switchboard.billing.budgets;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Releases reservations past their expiry (a job whose ingress replica crashed before it was settled or
 * released). Safe with any number of billing replicas: each run claims expired rows with
 * {@code FOR UPDATE SKIP LOCKED} and subtracts only what its own {@code DELETE} removed, so no reservation is
 * released twice and replicas do not wait on one another.
 */
@ApplicationScoped
public class ReservationSweeper {

    static final int BATCH = 1000;

    private static final String EXPIRED = """
            DELETE FROM budget_reservations r
            USING (SELECT job_id, budget_id FROM budget_reservations WHERE expires_at <= $1
                   ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) e
            WHERE r.job_id = e.job_id AND r.budget_id = e.budget_id
            RETURNING r.budget_id, r.period_start, r.amount
            """;

    private final Pool pool;
    private final BudgetSchema schema;

    public ReservationSweeper(Pool pool, BudgetSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    @Scheduled(every = "${switchboard.billing.budgets.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not after shutdown has closed the pool
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return sweep(Instant.now()).replaceWithVoid();
    }

    /** Releases up to one batch of the reservations expired at {@code now}; how many it released. */
    public Uni<Integer> sweep(Instant now) {
        return schema.ready().chain(() -> pool.withTransaction(connection -> connection.preparedQuery(EXPIRED)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), BATCH))
                .chain(released -> {
                    PeriodDeltas deltas = new PeriodDeltas();
                    deltas.releaseAll(released);
                    return deltas.apply(connection).replaceWith(released.rowCount());
                })));
    }
}
