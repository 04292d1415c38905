package io.switchboard.ingress.batch;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Cancels a batch: it turns cancelling, its unsubmitted lines are cancelled at once (they go to the
 * error file as {@code batch_cancelled}), and it turns cancelled once the jobs it had already submitted
 * have finished, their results kept. Cancelling twice is harmless; a finished batch cannot be cancelled.
 */
@ApplicationScoped
class BatchCancellation {

    private final Pool pool;
    private final BatchStore batches;
    private final RequestStore requests;

    BatchCancellation(Pool pool, BatchStore batches, RequestStore requests) {
        this.pool = pool;
        this.batches = batches;
        this.requests = requests;
    }

    /** The batch after the cancel; null when the tenant has no such batch. */
    Uni<BatchObject> cancel(String id, String tenantId) {
        return pool.withTransaction(transaction -> batches.lockStatus(transaction, id, tenantId).chain(status -> {
            if (status == null) {
                return Uni.createFrom().nullItem();
            }
            return switch (status) {
                case "validating", "in_progress" -> startCancelling(transaction, id, tenantId);
                case "cancelling", "cancelled" -> batches.find(transaction, id, tenantId);
                default -> Uni.createFrom().failure(ApiException.invalidRequest(
                        "Cannot cancel a batch with status '" + status + "'.", null, "batch_not_cancellable"));
            };
        }));
    }

    private Uni<BatchObject> startCancelling(SqlConnection transaction, String id, String tenantId) {
        return batches.startCancelling(transaction, id)
                .chain(() -> requests.cancelUnsubmitted(transaction, id))
                .chain(() -> batches.recount(transaction, id))
                .chain(() -> batches.find(transaction, id, tenantId));
    }
}
