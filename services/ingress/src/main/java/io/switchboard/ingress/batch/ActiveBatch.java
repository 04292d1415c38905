package io.switchboard.ingress.batch;

import io.switchboard.ingress.tenancy.KeyOwner;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A batch the progress steps still have work on; {@code expired} once its completion window has passed.
 * {@code apiKeyId} is the id of the key that created it (null for batches created before it was stored): its
 * lines are that key's jobs.
 */
record ActiveBatch(String id, String tenantId, String endpoint, String inputFileId, String status, boolean expired,
        String apiKeyId) {

    static final String COLUMNS = "id, tenant_id, endpoint, input_file_id, status, expires_at <= now() AS expired, "
            + "api_key_id";

    static ActiveBatch of(Row row) {
        return new ActiveBatch(row.getString("id"), row.getString("tenant_id"), row.getString("endpoint"),
                row.getString("input_file_id"), row.getString("status"), row.getBoolean("expired"),
                row.getString("api_key_id"));
    }

    /** Who submits the batch's lines: the tenant, under the key that created the batch. */
    KeyOwner owner() {
        return new KeyOwner(tenantId, apiKeyId);
    }
}
