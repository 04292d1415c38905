package io.switchboard.ingress.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.jobs.JobIntake;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code batch_requests} table: a batch's lines and where each one is. Outcomes come from the job
 * view ({@code jobs}), which this store reads directly so that a whole batch is brought up to date in
 * one statement.
 */
@ApplicationScoped
class RequestStore {

    private static final String INSERT = """
            INSERT INTO batch_requests (id, batch_id, line_no, custom_id, job_id, status, body, error_code, error_message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
    // Only lines of a batch still in progress are claimed: a cancel stops submission at once, except for
    // the lines a replica had claimed just before it. The lines are picked once, in a materialized CTE,
    // so the LIMIT holds whichever plan PostgreSQL chooses for the update.
    private static final String CLAIM = """
            WITH claimed AS MATERIALIZED (
                SELECT r.id FROM batch_requests r JOIN batches b ON b.id = r.batch_id AND b.status = 'in_progress'
                WHERE r.batch_id = $1 AND (r.status = 'pending' OR (r.status = 'submitting' AND r.lease_until < now()))
                ORDER BY r.line_no LIMIT $2
                FOR UPDATE OF r SKIP LOCKED)
            UPDATE batch_requests SET status = 'submitting', lease_until = now() + ($3::int * interval '1 second')
            FROM claimed WHERE batch_requests.id = claimed.id
            RETURNING batch_requests.id, batch_requests.job_id, batch_requests.body""";
    // A job its tenant cancelled on its own (POST /v1/jobs/{id}/cancel) ends its line as cancelled.
    private static final String SYNC_OUTCOMES = """
            UPDATE batch_requests r SET status = j.status, lease_until = NULL,
                   error_code = CASE WHEN j.status = 'cancelled' THEN 'job_cancelled' END,
                   error_message = CASE WHEN j.status = 'cancelled' THEN 'The job of this request was cancelled.' END
            FROM jobs j
            WHERE r.batch_id = $1 AND r.status IN ('submitting', 'submitted')
              AND j.id = r.job_id AND j.tenant_id = $2 AND j.status IN ('succeeded', 'failed', 'cancelled')""";
    // RETURNING sees the new status only: the CTE keeps what each line was before.
    private static final String CLOSE_OPEN = """
            WITH open AS (
                SELECT id, status <> 'pending' AS started FROM batch_requests
                WHERE batch_id = $1 AND status IN ('pending', 'submitting', 'submitted') FOR UPDATE)
            UPDATE batch_requests r SET status = $2, lease_until = NULL, error_code = $3, error_message = $4
            FROM open WHERE r.id = open.id
            RETURNING r.job_id, open.started""";
    // RETURNING sees the new status only: the CTE keeps whether each line had been claimed.
    private static final String CANCEL_UNSUBMITTED = """
            WITH unsubmitted AS (
                SELECT id, status = 'submitting' AS claimed FROM batch_requests
                WHERE batch_id = $1 AND (status = 'pending' OR (status = 'submitting' AND lease_until < now()))
                FOR UPDATE)
            UPDATE batch_requests r SET status = 'cancelled', lease_until = NULL, error_code = 'batch_cancelled',
                   error_message = 'The batch was cancelled before this request ran.'
            FROM unsubmitted WHERE r.id = unsubmitted.id
            RETURNING r.job_id, unsubmitted.claimed""";
    private static final String OUTCOMES = """
            SELECT r.id, r.custom_id, r.status, r.job_id, r.error_code, r.error_message,
                   j.result, j.error_code AS job_error_code, j.error_message AS job_error_message
            FROM batch_requests r
            LEFT JOIN jobs j ON r.status IN ('succeeded', 'failed') AND j.id = r.job_id AND j.tenant_id = $2
            WHERE r.batch_id = $1 ORDER BY r.line_no""";

    private final Pool pool;

    RequestStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the lines of a batch just validated: accepted ones pending, each with its job id, the others rejected. */
    Uni<Void> insert(SqlClient transaction, String batchId, List<InputLine> lines) {
        List<Tuple> rows = new ArrayList<>(lines.size());
        for (InputLine line : lines) {
            rows.add(Tuple.tuple()
                    .addString("batch_req_" + UUID.randomUUID().toString().replace("-", ""))
                    .addString(batchId)
                    .addInteger(line.number())
                    .addString(line.customId())
                    .addString(line.isAccepted() ? JobIntake.newJobId() : null)
                    .addString(line.isAccepted() ? "pending" : "rejected")
                    .addString(line.body())
                    .addString(line.errorCode())
                    .addString(line.errorMessage()));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : transaction.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /** Claims up to {@code limit} lines of the batch for submission by this replica, for {@code lease}. */
    Uni<List<ClaimedLine>> claim(String batchId, int limit, Duration lease) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(batchId, limit, (int) lease.toSeconds())).map(rows -> {
            List<ClaimedLine> claimed = new ArrayList<>(rows.size());
            rows.forEach(row -> claimed.add(new ClaimedLine(row.getString("id"), row.getString("job_id"),
                    row.getString("body"))));
            return claimed;
        });
    }

    /** The claimed lines whose jobs Kafka has taken. Lines whose outcome is known already stay as they are. */
    Uni<Void> markSubmitted(List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE batch_requests SET status = 'submitted', lease_until = NULL "
                        + "WHERE id = ANY($1) AND status = 'submitting'")
                        .execute(Tuple.tuple().addArrayOfString(ids.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * The claimed lines refused before they ran (a hard budget could not take them): failed for good, with the answer's
     * code and message as the line's own error (no job ever ran, so the job view has none).
     */
    Uni<Void> markRefused(List<String> ids, String errorCode, String errorMessage) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE batch_requests SET status = 'failed', lease_until = NULL, error_code = $2, "
                        + "error_message = $3 WHERE id = ANY($1) AND status = 'submitting'")
                        .execute(Tuple.tuple().addArrayOfString(ids.toArray(String[]::new)).addString(errorCode)
                                .addString(errorMessage))
                        .replaceWithVoid();
    }

    /** Gives claimed lines that could not be submitted back, for a later step. */
    Uni<Void> release(List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE batch_requests SET status = 'pending', lease_until = NULL "
                        + "WHERE id = ANY($1) AND status = 'submitting'")
                        .execute(Tuple.tuple().addArrayOfString(ids.toArray(String[]::new))).replaceWithVoid();
    }

    /** Takes the outcome of every finished job of the batch over from the job view. Idempotent. */
    Uni<Void> syncOutcomes(SqlClient client, String batchId, String tenantId) {
        return client.preparedQuery(SYNC_OUTCOMES).execute(Tuple.of(batchId, tenantId)).replaceWithVoid();
    }

    /**
     * Cancels the lines of a cancelled batch that have not been submitted: pending ones, and claimed ones
     * whose submitter died (its lease ran out). Emits the jobs of the claimed ones: their submitter may have
     * reserved their worst case, or even written them, before it died.
     */
    Uni<List<String>> cancelUnsubmitted(SqlClient transaction, String batchId) {
        return transaction.preparedQuery(CANCEL_UNSUBMITTED).execute(Tuple.of(batchId)).map(rows -> {
            List<String> claimed = new ArrayList<>();
            rows.forEach(row -> {
                if (row.getBoolean("claimed")) {
                    claimed.add(row.getString("job_id"));
                }
            });
            return claimed;
        });
    }

    /**
     * Closes every line still open when the batch's time is up, as {@code status} (cancelled or expired).
     * Emits the jobs of the lines among them that had gone out for submission, which may still run.
     */
    Uni<List<String>> closeOpen(SqlClient transaction, String batchId, String status, String errorCode,
            String errorMessage) {
        return transaction.preparedQuery(CLOSE_OPEN).execute(Tuple.of(batchId, status, errorCode, errorMessage))
                .map(rows -> {
                    List<String> started = new ArrayList<>();
                    rows.forEach(row -> {
                        if (row.getBoolean("started")) {
                            started.add(row.getString("job_id"));
                        }
                    });
                    return started;
                });
    }

    /** Every line of the batch in input order, with its job's result or error. */
    Uni<List<RequestOutcome>> outcomes(SqlClient transaction, String batchId, String tenantId) {
        return transaction.preparedQuery(OUTCOMES).execute(Tuple.of(batchId, tenantId)).map(rows -> {
            List<RequestOutcome> outcomes = new ArrayList<>(rows.size());
            rows.forEach(row -> outcomes.add(RequestOutcome.of(row)));
            return outcomes;
        });
    }
}
