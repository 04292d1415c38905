package io.switchboard.ingress.batch;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A finished line of a batch, for its output or error file: the line's own error when it never ran
 * (rejected, cancelled, expired), its job's result or error when it did.
 */
record RequestOutcome(String id, String customId, String status, String jobId, String errorCode, String errorMessage,
        String result, String jobErrorCode, String jobErrorMessage) {

    static RequestOutcome of(Row row) {
        return new RequestOutcome(row.getString("id"), row.getString("custom_id"), row.getString("status"),
                row.getString("job_id"), row.getString("error_code"), row.getString("error_message"),
                row.getString("result"), row.getString("job_error_code"), row.getString("job_error_message"));
    }
}
