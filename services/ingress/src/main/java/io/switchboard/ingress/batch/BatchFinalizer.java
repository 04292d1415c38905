package io.switchboard.ingress.batch;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.files.FileObject;
import io.switchboard.ingress.files.FileStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Ends a batch: once none of its lines is open, writes its output and error files and records its final
 * status (completed, cancelled or expired), all in one transaction under the batch's row lock. Another
 * replica finds the batch locked or already final, so a batch is never finalized twice. A batch past its
 * {@code expires_at} closes its open lines instead of waiting for them, and cancels their jobs first.
 */
@ApplicationScoped
class BatchFinalizer {

    private static final Logger LOG = Logger.getLogger(BatchFinalizer.class);
    private static final String OUTPUT_PURPOSE = "batch_output";

    private final Pool pool;
    private final BatchStore batches;
    private final RequestStore requests;
    private final FileStore files;
    private final BatchOutputs outputs;
    private final OrphanedJobs orphans;

    BatchFinalizer(Pool pool, BatchStore batches, RequestStore requests, FileStore files, BatchOutputs outputs,
            OrphanedJobs orphans) {
        this.pool = pool;
        this.batches = batches;
        this.requests = requests;
        this.files = files;
        this.outputs = outputs;
        this.orphans = orphans;
    }

    /** Finishes a finalizing or cancelling batch, if nothing of it is still running. */
    Uni<Void> finish(ActiveBatch candidate) {
        return pool.withTransaction(transaction -> batches.lock(transaction, candidate.id(), "finalizing", "cancelling")
                .chain(batch -> batch == null ? Uni.createFrom().voidItem() : finishLocked(transaction, batch)));
    }

    private Uni<Void> finishLocked(SqlConnection transaction, ActiveBatch batch) {
        boolean cancelling = "cancelling".equals(batch.status());
        String status = cancelling ? "cancelled" : batch.expired() ? "expired" : "completed";
        Uni<Void> closed = cancelling
                ? requests.cancelUnsubmitted(transaction, batch.id())
                        .chain(claimed -> orphans.cancel(batch.id(), batch.tenantId(), claimed))
                : Uni.createFrom().voidItem();
        return closed
                .chain(() -> requests.syncOutcomes(transaction, batch.id(), batch.tenantId()))
                .chain(() -> batch.expired() ? closeExpired(transaction, batch, cancelling) : Uni.createFrom().voidItem())
                .chain(() -> batches.recount(transaction, batch.id()))
                // a cancelled batch waits for the jobs it had submitted
                .chain(open -> open > 0 ? Uni.createFrom().voidItem() : writeFiles(transaction, batch, status));
    }

    /** Closes the lines still open, and cancels the jobs some of them had started. */
    private Uni<Void> closeExpired(SqlConnection transaction, ActiveBatch batch, boolean cancelling) {
        return (cancelling
                ? requests.closeOpen(transaction, batch.id(), "cancelled", "batch_cancelled",
                        "The batch was cancelled before this request finished.")
                : requests.closeOpen(transaction, batch.id(), "expired", "batch_expired",
                        "The batch's completion window ended before this request finished."))
                .chain(started -> orphans.cancel(batch.id(), batch.tenantId(), started));
    }

    private Uni<Void> writeFiles(SqlConnection transaction, ActiveBatch batch, String status) {
        return requests.outcomes(transaction, batch.id(), batch.tenantId())
                .map(outputs::write)
                .chain(written -> store(transaction, batch, "output", written.output())
                        .chain(output -> store(transaction, batch, "error", written.errors())
                                .chain(errors -> batches.finish(transaction, batch.id(), status,
                                        output == null ? null : output.id(), errors == null ? null : errors.id()))))
                .invoke(() -> LOG.infof("batch %s of tenant %s %s", batch.id(), batch.tenantId(), status));
    }

    private Uni<FileObject> store(SqlConnection transaction, ActiveBatch batch, String kind, byte[] content) {
        return content == null ? Uni.createFrom().nullItem()
                : files.insert(transaction, batch.tenantId(), batch.id() + "_" + kind + ".jsonl", OUTPUT_PURPOSE, content);
    }
}
