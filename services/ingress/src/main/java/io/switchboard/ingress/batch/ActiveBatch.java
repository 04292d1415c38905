package io.switchboard.ingress.batch;

import io.vertx.mutiny.sqlclient.Row;

/** A batch the progress steps still have work on; {@code expired} once its completion window has passed. */
record ActiveBatch(String id, String tenantId, String endpoint, String inputFileId, String status, boolean expired) {

    static final String COLUMNS = "id, tenant_id, endpoint, input_file_id, status, expires_at <= now() AS expired";

    static ActiveBatch of(Row row) {
        return new ActiveBatch(row.getString("id"), row.getString("tenant_id"), row.getString("endpoint"),
                row.getString("input_file_id"), row.getString("status"), row.getBoolean("expired"));
    }
}
