package io.switchboard.evaluator.liveness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.TableDefinition;
import io.switchboard.evaluator.traffic.HourlyCount;
import io.switchboard.evaluator.traffic.Hours;
import io.switchboard.evaluator.traffic.Stratum;
import io.switchboard.evaluator.traffic.TrafficSink;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per stratum, in PostgreSQL (shared by every replica, each seeing part of the traffic and part of the scores):
 * the latest result seen, the latest evaluation seen, and since when results have waited for an evaluation.
 *
 * <p>Results are timed by their {@code completed_at} and evaluations by their {@code evaluated_at}: an evaluation
 * always comes after the result it scores, so which of the two observers happens to see its event first does not
 * matter. {@code waiting_since} is the completion of the earliest result not followed by any evaluation of the
 * stratum; where a flush only tells a range, the later end is kept, so the watch may be late, never early.
 */
@ApplicationScoped
public class LivenessLedger implements TrafficSink {

    private static final TableDefinition TABLE = new TableDefinition("""
            CREATE TABLE IF NOT EXISTS stratum_liveness (
                stratum text PRIMARY KEY,
                tenant_id text NOT NULL,
                route text,
                model text,
                variant text,
                last_result_at timestamptz,
                waiting_since timestamptz,
                last_evaluated_at timestamptz,
                stalled_alarm_id text,
                stalled_waiting_since timestamptz,
                stalled_at timestamptz);
            """);

    private static final String RESULTS_SEEN = """
            INSERT INTO stratum_liveness (stratum, tenant_id, route, model, variant, last_result_at, waiting_since)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (stratum) DO UPDATE SET
                last_result_at = greatest(stratum_liveness.last_result_at, excluded.last_result_at),
                waiting_since = CASE
                    WHEN stratum_liveness.last_evaluated_at IS NULL
                         OR excluded.waiting_since > stratum_liveness.last_evaluated_at
                        THEN least(stratum_liveness.waiting_since, excluded.waiting_since)
                    WHEN excluded.last_result_at > stratum_liveness.last_evaluated_at
                        THEN least(stratum_liveness.waiting_since, excluded.last_result_at)
                    ELSE stratum_liveness.waiting_since END
            """;

    private static final String EVALUATIONS_SEEN = """
            INSERT INTO stratum_liveness (stratum, tenant_id, route, model, variant, last_evaluated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (stratum) DO UPDATE SET
                last_evaluated_at = greatest(stratum_liveness.last_evaluated_at, excluded.last_evaluated_at),
                waiting_since = CASE
                    WHEN stratum_liveness.waiting_since IS NULL
                         OR stratum_liveness.waiting_since
                            > greatest(stratum_liveness.last_evaluated_at, excluded.last_evaluated_at)
                        THEN stratum_liveness.waiting_since
                    WHEN stratum_liveness.last_result_at
                            > greatest(stratum_liveness.last_evaluated_at, excluded.last_evaluated_at)
                        THEN stratum_liveness.last_result_at
                    ELSE NULL END
            """;

    private static final String WAITING_TOO_LONG = """
            SELECT stratum, tenant_id, route, model, variant, waiting_since, last_evaluated_at FROM stratum_liveness
            WHERE stalled_alarm_id IS NULL AND waiting_since <= $1 ORDER BY stratum
            """;

    private static final String MARK_STALLED = """
            UPDATE stratum_liveness SET stalled_alarm_id = $2, stalled_waiting_since = waiting_since, stalled_at = $3
            WHERE stratum = $1
            """;

    // an evaluation at or after the stall's waiting results began means evaluations resumed; the alarm id is read
    // before the update, as RETURNING gives the values after it
    private static final String CLEAR_RESUMED = """
            WITH resumed AS (
                SELECT stratum, stalled_alarm_id FROM stratum_liveness
                WHERE stalled_alarm_id IS NOT NULL AND last_evaluated_at >= stalled_waiting_since FOR UPDATE)
            UPDATE stratum_liveness SET stalled_alarm_id = NULL, stalled_waiting_since = NULL, stalled_at = NULL
            FROM resumed WHERE stratum_liveness.stratum = resumed.stratum
            RETURNING stratum_liveness.stratum, resumed.stalled_alarm_id, stratum_liveness.last_evaluated_at
            """;

    private final Pool pool;
    private final String judgeTenant;

    @Inject
    LivenessLedger(Pool pool, EvaluatorConfig config) {
        this(pool, config.judge().tenant());
    }

    LivenessLedger(Pool pool, String judgeTenant) {
        this.pool = pool;
        this.judgeTenant = judgeTenant;
    }

    /** A stratum waiting too long, as the check found it. */
    public record Waiting(Stratum stratum, Instant waitingSince, Instant lastEvaluatedAt) {
    }

    /** A stall that ended: its stratum key, its alarm and the evaluation that ended it. */
    public record Resumed(String stratum, String alarmId, Instant evaluatedAt) {
    }

    /** Results seen: the earliest and latest completion per stratum (all hours of the flush together). */
    @Override
    public Uni<Void> add(List<HourlyCount> counts) {
        Map<String, HourlyCount> byStratum = new LinkedHashMap<>();
        for (HourlyCount count : counts) {
            if (!judgeTenant.equals(count.stratum().tenantId())) {
                byStratum.merge(count.stratum().key(), count, HourlyCount::plus);
            }
        }
        if (byStratum.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = byStratum.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> row(entry.getValue().stratum(), entry.getValue().lastCompletedAt(),
                        entry.getValue().firstCompletedAt()))
                .toList();
        return TABLE.ensureIn(pool).chain(() -> pool.preparedQuery(RESULTS_SEEN).executeBatch(rows)).replaceWithVoid();
    }

    /** Evaluations seen: the latest per stratum, ordered by stratum. */
    public Uni<Void> evaluationsSeen(List<EvaluationTally.LatestEvaluation> latest) {
        List<Tuple> rows = latest.stream()
                .filter(seen -> !judgeTenant.equals(seen.stratum().tenantId()))
                .map(seen -> row(seen.stratum(), seen.evaluatedAt()))
                .toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return TABLE.ensureIn(pool).chain(() -> pool.preparedQuery(EVALUATIONS_SEEN).executeBatch(rows))
                .replaceWithVoid();
    }

    /** Runs the work in a transaction, if no other replica holds the liveness check; else completes with false. */
    public Uni<Boolean> alone(Function<SqlConnection, Uni<Void>> work) {
        return TABLE.ensureIn(pool).chain(() -> pool.withTransaction(connection -> connection
                .query("SELECT pg_try_advisory_xact_lock(hashtext('switchboard.evaluator.liveness')) AS locked")
                .execute()
                .chain(rows -> rows.iterator().next().getBoolean("locked")
                        ? work.apply(connection).replaceWith(true)
                        : Uni.createFrom().item(false))));
    }

    /** Strata whose results have waited since {@code before} or earlier, with no open stall alarm. */
    public Uni<List<Waiting>> waitingSince(SqlConnection connection, Instant before) {
        return connection.preparedQuery(WAITING_TOO_LONG).execute(Tuple.of(Hours.utc(before))).map(rows -> {
            List<Waiting> waiting = new ArrayList<>();
            for (Row row : rows) {
                waiting.add(new Waiting(new Stratum(row.getString("tenant_id"), row.getString("route"),
                        row.getString("model"), row.getString("variant")), instant(row, "waiting_since"),
                        instant(row, "last_evaluated_at")));
            }
            return waiting;
        });
    }

    public Uni<Void> markStalled(SqlConnection connection, Stratum stratum, String alarmId, Instant at) {
        return connection.preparedQuery(MARK_STALLED).execute(Tuple.of(stratum.key(), alarmId, Hours.utc(at)))
                .replaceWithVoid();
    }

    /** Clears the stalls of strata evaluated again and returns them. */
    public Uni<List<Resumed>> clearResumed(SqlConnection connection) {
        return connection.query(CLEAR_RESUMED).execute().map(rows -> {
            List<Resumed> resumed = new ArrayList<>();
            for (Row row : rows) {
                resumed.add(new Resumed(row.getString("stratum"), row.getString("stalled_alarm_id"),
                        instant(row, "last_evaluated_at")));
            }
            return resumed;
        });
    }

    public Uni<Long> openStalls(SqlConnection connection) {
        return connection.query("SELECT count(*) AS open FROM stratum_liveness WHERE stalled_alarm_id IS NOT NULL")
                .execute().map(rows -> rows.iterator().next().getLong("open"));
    }

    /** The stratum's key and parts, then the given moments. */
    private static Tuple row(Stratum stratum, Instant... moments) {
        Tuple row = Tuple.of(stratum.key(), stratum.tenantId(), stratum.route(), stratum.model())
                .addValue(stratum.variant());
        for (Instant moment : moments) {
            row.addValue(Hours.utc(moment));
        }
        return row;
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
