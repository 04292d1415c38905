package io.switchboard.ingress.batch;

import io.vertx.mutiny.sqlclient.Row;

/** A batch the progress steps still have work on; {@code expired} once its completion window has passed. */
record ActiveBatch(String id, String tenantId, String endpoint, String status, boolean expired) {

    static final String COLUMNS = "id, tenant_id, endpoint, status, expires_at <= now() AS expired";

    static ActiveBatch of(Row row) {
        return new ActiveBatch(row.getString("id"), row.getString("tenant_id"), row.getString("endpoint"),
                row.getString("status"), row.getBoolean("expired"));
    }
}
