package io.switchboard.ingress.batch;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Cancels a batch: it turns cancelling, its unsubmitted lines are cancelled at once (they go to the
 * error file as {@code batch_cancelled}), and it turns cancelled once the jobs it had already submitted
 * have finished, their results kept. Cancelling twice is harmless; a finished batch cannot be cancelled.
 * The jobs of lines whose submitter died while it held them are cancelled too, and give back the budget
 * reservation their submitter may have made ({@link OrphanedJobs}).
 */
@ApplicationScoped
class BatchCancellation {

    private record Cancelled(BatchObject batch, List<String> claimedJobs) {
    }

    private final Pool pool;
    private final BatchStore batches;
    private final RequestStore requests;
    private final OrphanedJobs orphans;

    BatchCancellation(Pool pool, BatchStore batches, RequestStore requests, OrphanedJobs orphans) {
        this.pool = pool;
        this.batches = batches;
        this.requests = requests;
        this.orphans = orphans;
    }

    /** The batch after the cancel; null when the tenant has no such batch. */
    Uni<BatchObject> cancel(String id, String tenantId) {
        return pool.withTransaction(transaction -> batches.lockStatus(transaction, id, tenantId).chain(status -> {
            if (status == null) {
                return Uni.createFrom().<Cancelled> nullItem();
            }
            return switch (status) {
                case "validating", "in_progress" -> startCancelling(transaction, id, tenantId);
                case "cancelling", "cancelled" -> batches.find(transaction, id, tenantId)
                        .map(batch -> new Cancelled(batch, List.of()));
                default -> Uni.createFrom().<Cancelled> failure(ApiException.invalidRequest(
                        "Cannot cancel a batch with status '" + status + "'.", null, "batch_not_cancellable"));
            };
        }))
                // after the commit: the lines are closed whatever becomes of their jobs
                .call(cancelled -> cancelled == null ? Uni.createFrom().voidItem()
                        : orphans.cancel(id, tenantId, cancelled.claimedJobs()))
                .map(cancelled -> cancelled == null ? null : cancelled.batch());
    }

    private Uni<Cancelled> startCancelling(SqlConnection transaction, String id, String tenantId) {
        return batches.startCancelling(transaction, id)
                .chain(() -> requests.cancelUnsubmitted(transaction, id))
                .call(() -> batches.recount(transaction, id))
                .chain(claimed -> batches.find(transaction, id, tenantId).map(batch -> new Cancelled(batch, claimed)));
    }
}
