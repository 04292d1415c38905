package io.switchboard.billing.budgets;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reserves a job's worst case against every hard budget that applies to it, atomically across replicas: one
 * PostgreSQL transaction locks the budgets' current periods in id order and adds to {@code reserved} only where
 * {@code spent + reserved + amount <= limit}; if any budget cannot take it, nothing is reserved anywhere.
 * Idempotent per job id: the reservation rows, keyed by (job, budget), are written before the counters move, and
 * a job that has them reserves nothing again. Soft budgets take no reservations and never refuse.
 */
@ApplicationScoped
public class Reservations {

    private static final String HARD_BUDGETS = "SELECT " + Budget.COLUMNS + """
             FROM budgets WHERE enforcement = 'hard' AND (
                (scope = 'tenant' AND tenant_id = $1)
                OR (scope = 'api_key' AND tenant_id = $1 AND api_key_id = $2)
                OR (scope = 'tenant_model' AND tenant_id = $1 AND model = $3)
                OR (scope = 'model' AND model = $3))
            ORDER BY id
            """;

    /**
     * Makes sure each period has its row (a new period starts from zero) and locks it, in one pass in key order, the
     * order a flush's settlement takes them in. Creating the missing rows first and locking all of them after took
     * them out of order: a new row was held before an older one of a lower id, and a flush settling both deadlocked
     * with the reservation (BudgetSettlementTest caught it). The no-op update is what locks an existing row.
     */
    private static final String OPEN_AND_LOCK = """
            INSERT INTO budget_periods AS p (budget_id, period_start)
            SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS r(budget_id, period_start)
            ORDER BY r.budget_id, r.period_start
            ON CONFLICT (budget_id, period_start) DO UPDATE SET reserved = p.reserved
            """;

    private static final String RECORD = """
            INSERT INTO budget_reservations (job_id, budget_id, period_start, amount, expires_at)
            SELECT $1, r.budget_id, r.period_start, r.amount, $4
            FROM unnest($2::text[], $3::timestamptz[], $5::int8[]) AS r(budget_id, period_start, amount)
            ORDER BY r.budget_id
            ON CONFLICT (job_id, budget_id) DO NOTHING
            RETURNING budget_id
            """;

    /** The conditional update: a budget that cannot take the amount returns no row. */
    private static final String TAKE = """
            UPDATE budget_periods p SET reserved = p.reserved + r.amount
            FROM unnest($1::text[], $2::timestamptz[], $3::int8[]) AS r(budget_id, period_start, amount), budgets b
            WHERE p.budget_id = r.budget_id AND p.period_start = r.period_start AND b.id = r.budget_id
              AND p.spent + p.reserved + r.amount <= b.limit_amount
            RETURNING p.budget_id
            """;

    private static final String RELEASE = """
            DELETE FROM budget_reservations WHERE job_id = ANY($1)
            RETURNING budget_id, period_start, amount
            """;

    private final Pool pool;
    private final BudgetSchema schema;
    private final MeterRegistry metrics;

    Reservations(Pool pool, BudgetSchema schema, MeterRegistry metrics) {
        this.pool = pool;
        this.schema = schema;
        this.metrics = metrics;
    }

    public Uni<ReservationOutcome> reserve(ReservationRequest request) {
        Instant now = Instant.now();
        return schema.ready()
                .chain(() -> pool.withTransaction(connection -> reserve(connection, request, now)))
                .onFailure(Refusal.class).recoverWithItem(refusal -> ((Refusal) refusal).outcome)
                .invoke(this::count);
    }

    private void count(ReservationOutcome outcome) {
        String counted = switch (outcome) {
            case ReservationOutcome.Accepted accepted -> accepted.alreadyReserved() ? "already_reserved" : "accepted";
            case ReservationOutcome.Refused refused -> "refused";
            case ReservationOutcome.Unpriced unpriced -> "unpriced";
        };
        metrics.counter("switchboard.billing.budget.reservations", "outcome", counted).increment();
    }

    private static Uni<ReservationOutcome> reserve(SqlConnection connection, ReservationRequest request, Instant now) {
        return connection.preparedQuery(HARD_BUDGETS)
                .execute(Tuple.of(request.tenantId(), request.apiKeyId(), request.model()))
                .chain(rows -> {
                    List<Budget> budgets = new ArrayList<>();
                    rows.forEach(row -> budgets.add(Budget.from(row)));
                    if (budgets.isEmpty()) {
                        return Uni.createFrom().item(new ReservationOutcome.Accepted(request.jobId(), List.of(), false));
                    }
                    for (Budget budget : budgets) {
                        if (request.amountIn(budget.unit()) == null) {
                            return Uni.createFrom().item(new ReservationOutcome.Unpriced(request.jobId(), budget,
                                    request.unpricedTargets()));
                        }
                    }
                    return reserve(connection, request, budgets, now);
                });
    }

    private static Uni<ReservationOutcome> reserve(SqlConnection connection, ReservationRequest request,
            List<Budget> budgets, Instant now) {
        int n = budgets.size();
        String[] ids = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        Long[] amounts = new Long[n];
        for (int i = 0; i < n; i++) {
            Budget budget = budgets.get(i);
            ids[i] = budget.id();
            starts[i] = budget.periodStart(now).atOffset(ZoneOffset.UTC);
            amounts[i] = request.amountIn(budget.unit());
        }
        OffsetDateTime expires = request.expiresAt().atOffset(ZoneOffset.UTC);
        return connection.preparedQuery(OPEN_AND_LOCK).execute(Tuple.of(ids, starts))
                .chain(() -> connection.preparedQuery(RECORD)
                        .execute(Tuple.of(request.jobId(), ids, starts, expires, amounts)))
                .chain(recorded -> {
                    Set<String> fresh = new HashSet<>();
                    recorded.forEach(row -> fresh.add(row.getString("budget_id")));
                    List<ReservationOutcome.Reserved> reserved = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        reserved.add(new ReservationOutcome.Reserved(ids[i], starts[i].toInstant(), amounts[i]));
                    }
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new ReservationOutcome.Accepted(request.jobId(), reserved, true));
                    }
                    // only the budgets this job has not reserved against yet (a retry after a budget was added)
                    List<Integer> take = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (fresh.contains(ids[i])) {
                            take.add(i);
                        }
                    }
                    String[] takeIds = take.stream().map(i -> ids[i]).toArray(String[]::new);
                    OffsetDateTime[] takeStarts = take.stream().map(i -> starts[i]).toArray(OffsetDateTime[]::new);
                    Long[] takeAmounts = take.stream().map(i -> amounts[i]).toArray(Long[]::new);
                    return connection.preparedQuery(TAKE).execute(Tuple.of(takeIds, takeStarts, takeAmounts))
                            .chain(taken -> {
                                Set<String> took = new HashSet<>();
                                taken.forEach(row -> took.add(row.getString("budget_id")));
                                if (took.size() == takeIds.length) {
                                    return Uni.createFrom().item(
                                            (ReservationOutcome) new ReservationOutcome.Accepted(request.jobId(), reserved, false));
                                }
                                int refusing = take.stream().filter(i -> !took.contains(ids[i])).findFirst().orElseThrow();
                                return refuse(connection, request, budgets.get(refusing), starts[refusing].toInstant(),
                                        amounts[refusing]);
                            });
                });
    }

    /** Reads the refusing budget's counters for the answer, then fails the transaction so that it rolls back. */
    private static Uni<ReservationOutcome> refuse(SqlConnection connection, ReservationRequest request, Budget budget,
            Instant periodStart, long asked) {
        return connection.preparedQuery("SELECT spent, reserved FROM budget_periods WHERE budget_id = $1 "
                + "AND period_start = $2").execute(Tuple.of(budget.id(), periodStart.atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    return Uni.createFrom().failure(new Refusal(new ReservationOutcome.Refused(request.jobId(), budget,
                            periodStart, row.getBigDecimal("spent"), row.getBigDecimal("reserved"), asked)));
                });
    }

    /** Releases a job's reservations (cancelled, or refused downstream); the number of budgets released. */
    public Uni<Integer> release(String jobId) {
        return schema.ready().chain(() -> pool.withTransaction(connection -> release(connection, List.of(jobId))));
    }

    /**
     * Releases the reservations of {@code jobIds} inside the caller's transaction; releasing twice releases
     * nothing the second time (the rows are deleted, and only what is deleted is subtracted).
     */
    static Uni<Integer> release(SqlConnection connection, List<String> jobIds) {
        return connection.preparedQuery(RELEASE).execute(Tuple.of(jobIds.toArray(String[]::new)))
                .chain(released -> {
                    PeriodDeltas deltas = new PeriodDeltas();
                    deltas.releaseAll(released);
                    return deltas.apply(connection).replaceWith(released.rowCount());
                });
    }

    /** Rolls the reservation back; carries the refusal out of the transaction. */
    private static final class Refusal extends RuntimeException {

        private final transient ReservationOutcome.Refused outcome;

        Refusal(ReservationOutcome.Refused outcome) {
            super("refused by budget " + outcome.budget().id(), null, false, false);
            this.outcome = outcome;
        }
    }
}
