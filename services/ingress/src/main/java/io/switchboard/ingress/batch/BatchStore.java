package io.switchboard.ingress.batch;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.tenancy.KeyOwner;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code batches} table. Reads for the API name the tenant, so another tenant's batch is simply not
 * found; the progress steps change a batch only under its row lock or with a condition on its status,
 * so that replicas working side by side never move a batch twice.
 */
@ApplicationScoped
public class BatchStore {

    static final String COMPLETION_WINDOW = "24h";

    private static final String INSERT = """
            INSERT INTO batches (id, tenant_id, endpoint, input_file_id, completion_window, status, metadata,
                                 total_count, completed_count, failed_count, created_at, expires_at, api_key_id)
            VALUES ($1, $2, $3, $4, $5, 'validating', $6, 0, 0, 0, now(), now() + make_interval(secs => $7), $8)
            RETURNING *""";
    // A cursor names a batch of the same tenant; an unknown one yields an empty page, not the first.
    private static final String PAGE = """
            SELECT * FROM batches WHERE tenant_id = $1
              AND ($2::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM batches WHERE id = $2 AND tenant_id = $1))
            ORDER BY created_at DESC, id DESC LIMIT $3""";
    private static final String ACTIVE = "SELECT " + ActiveBatch.COLUMNS + """
             FROM batches WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling')
            ORDER BY created_at""";
    private static final String LOCK = "SELECT " + ActiveBatch.COLUMNS
            + " FROM batches WHERE id = $1 AND status = ANY($2) FOR UPDATE SKIP LOCKED";
    private static final String RECOUNT = """
            WITH c AS (
                SELECT count(*) FILTER (WHERE status = 'succeeded') AS completed,
                       count(*) FILTER (WHERE status IN ('failed', 'rejected', 'cancelled', 'expired')) AS failed,
                       count(*) FILTER (WHERE status IN ('pending', 'submitting', 'submitted')) AS open
                FROM batch_requests WHERE batch_id = $1)
            UPDATE batches SET completed_count = c.completed, failed_count = c.failed FROM c
            WHERE batches.id = $1 RETURNING c.open""";
    /** The column stamped when a batch reaches each final status. */
    private static final Map<String, String> FINISHED_AT = Map.of(
            "completed", "completed_at", "cancelled", "cancelled_at", "expired", "expired_at");

    private final Pool pool;
    private final ObjectMapper json;
    private final BatchConfig config;

    BatchStore(Pool pool, ObjectMapper json, BatchConfig config) {
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    static String newId() {
        return "batch_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Stores a new batch of the key's tenant under {@code id}, validating, to expire {@code expires-after} from
     * now; its lines will be submitted as jobs of that key.
     */
    public Uni<BatchObject> create(String id, KeyOwner owner, String endpoint, String inputFileId,
            Map<String, String> metadata) {
        double expiresAfterSeconds = config.expiresAfter().toMillis() / 1000.0;
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, owner.tenantId(), endpoint, inputFileId, COMPLETION_WINDOW, toJson(metadata))
                        .addDouble(expiresAfterSeconds).addString(owner.keyId()))
                .map(rows -> toBatch(rows.iterator().next()));
    }

    /** The tenant's batch, or null. */
    public Uni<BatchObject> find(String id, String tenantId) {
        return find(pool, id, tenantId);
    }

    Uni<BatchObject> find(SqlClient client, String id, String tenantId) {
        return client.preparedQuery("SELECT * FROM batches WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> rows.size() == 0 ? null : toBatch(rows.iterator().next()));
    }

    /** A page of the tenant's batches, newest first, plus one more batch if there is one. */
    public Uni<List<BatchObject>> page(String tenantId, String after, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(tenantId, after, limit + 1)).map(rows -> {
            List<BatchObject> batches = new ArrayList<>(rows.size());
            rows.forEach(row -> batches.add(toBatch(row)));
            return batches;
        });
    }

    /** Every batch of this database that is not finished, oldest first. */
    Uni<List<ActiveBatch>> active() {
        return pool.query(ACTIVE).execute().map(rows -> {
            List<ActiveBatch> batches = new ArrayList<>(rows.size());
            rows.forEach(row -> batches.add(ActiveBatch.of(row)));
            return batches;
        });
    }

    /**
     * Locks the batch for the rest of the caller's transaction if it has one of {@code statuses}; null
     * when it has not, or when another replica holds it (that one does the work).
     */
    Uni<ActiveBatch> lock(SqlClient transaction, String id, String... statuses) {
        return transaction.preparedQuery(LOCK).execute(Tuple.tuple().addString(id).addArrayOfString(statuses))
                .map(rows -> rows.size() == 0 ? null : ActiveBatch.of(rows.iterator().next()));
    }

    /** The batch's status for the rest of the caller's transaction, waiting for its lock; null when not the tenant's. */
    Uni<String> lockStatus(SqlClient transaction, String id, String tenantId) {
        return transaction.preparedQuery("SELECT status FROM batches WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
    }

    Uni<Void> startProgress(SqlClient transaction, String id, int total) {
        return update(transaction, "UPDATE batches SET status = 'in_progress', in_progress_at = now(), total_count = $2 "
                + "WHERE id = $1", Tuple.of(id, total));
    }

    Uni<Void> fail(SqlClient transaction, String id, List<BatchObject.Error> errors) {
        return update(transaction, "UPDATE batches SET status = 'failed', failed_at = now(), errors = $2 WHERE id = $1",
                Tuple.of(id, toJson(errors)));
    }

    Uni<Void> startCancelling(SqlClient transaction, String id) {
        return update(transaction, "UPDATE batches SET status = 'cancelling', cancelling_at = now() WHERE id = $1",
                Tuple.of(id));
    }

    /** Moves an in-progress batch to finalizing; a no-op when another replica already did. */
    Uni<Void> startFinalizing(String id) {
        return update(pool, "UPDATE batches SET status = 'finalizing', finalizing_at = now() "
                + "WHERE id = $1 AND status = 'in_progress'", Tuple.of(id));
    }

    /** Records the batch's final status ({@code completed}, {@code cancelled} or {@code expired}) and its files. */
    Uni<Void> finish(SqlClient transaction, String id, String status, String outputFileId, String errorFileId) {
        String stamped = FINISHED_AT.get(status);
        if (stamped == null) {
            throw new IllegalArgumentException("not a final batch status: " + status);
        }
        return update(transaction, "UPDATE batches SET status = $2, " + stamped + " = now(), output_file_id = $3, "
                + "error_file_id = $4 WHERE id = $1", Tuple.of(id, status, outputFileId, errorFileId));
    }

    /** Brings the batch's request counts up to date; emits how many of its requests are still open. */
    Uni<Long> recount(SqlClient client, String id) {
        return client.preparedQuery(RECOUNT).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("open"));
    }

    private static Uni<Void> update(SqlClient client, String sql, Tuple arguments) {
        return client.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }

    private BatchObject toBatch(Row row) {
        return new BatchObject(row.getString("id"), "batch", row.getString("endpoint"),
                BatchObject.Errors.of(fromJson(row.getString("errors"), new TypeReference<List<BatchObject.Error>>() {
                })),
                row.getString("input_file_id"), row.getString("completion_window"), row.getString("status"),
                row.getString("output_file_id"), row.getString("error_file_id"),
                epochSeconds(row, "created_at"), epochSeconds(row, "in_progress_at"), epochSeconds(row, "expires_at"),
                epochSeconds(row, "finalizing_at"), epochSeconds(row, "completed_at"), epochSeconds(row, "failed_at"),
                epochSeconds(row, "expired_at"), epochSeconds(row, "cancelling_at"), epochSeconds(row, "cancelled_at"),
                new BatchObject.RequestCounts(row.getInteger("total_count"), row.getInteger("completed_count"),
                        row.getInteger("failed_count")),
                fromJson(row.getString("metadata"), new TypeReference<Map<String, String>>() {
                }));
    }

    private static Long epochSeconds(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toEpochSecond();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch's stored JSON is unreadable", e);
        }
    }
}
