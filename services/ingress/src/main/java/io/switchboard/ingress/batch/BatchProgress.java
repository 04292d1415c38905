package io.switchboard.ingress.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Moves every unfinished batch of this database one step on, each second, on every replica: validates
 * new batches, submits pending lines, takes the outcomes of finished jobs over from the job view (so
 * request counts are live), and finalizes batches with nothing left open. The steps share the work
 * through row locks and leases; a replica that is down only slows the others.
 */
@ApplicationScoped
class BatchProgress {

    private static final Logger LOG = Logger.getLogger(BatchProgress.class);

    private final Pool pool;
    private final BatchStore batches;
    private final RequestStore requests;
    private final BatchValidation validation;
    private final LineSubmitter submitter;
    private final BatchFinalizer finalizer;
    private volatile boolean stopping;

    BatchProgress(Pool pool, BatchStore batches, RequestStore requests, BatchValidation validation,
            LineSubmitter submitter, BatchFinalizer finalizer) {
        this.pool = pool;
        this.batches = batches;
        this.requests = requests;
        this.validation = validation;
        this.submitter = submitter;
        this.finalizer = finalizer;
    }

    /** Shutting down closes the database pool while the scheduler still fires: steps would only fail. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @Scheduled(every = "${switchboard.ingress.batch.progress-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> step() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return batches.active()
                .onItem().transformToMulti(active -> Multi.createFrom().iterable(active))
                .onItem().transformToUniAndConcatenate(batch -> advance(batch).onFailure().recoverWithItem(failure -> {
                    LOG.warnf("batch %s not advanced in this step: %s", batch.id(), failure.toString());
                    return null;
                }))
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("batches not advanced in this step: %s", failure.toString());
                    return null;
                });
    }

    private Uni<Void> advance(ActiveBatch batch) {
        return switch (batch.status()) {
            case "validating" -> validation.validate(batch);
            case "in_progress" -> (batch.expired() ? Uni.createFrom().voidItem() : submitter.submit(batch))
                    .chain(() -> requests.syncOutcomes(pool, batch.id(), batch.tenantId()))
                    .chain(() -> batches.recount(pool, batch.id()))
                    .chain(open -> open > 0 && !batch.expired() ? Uni.createFrom().voidItem()
                            : batches.startFinalizing(batch.id()).chain(() -> finalizer.finish(batch)));
            case "finalizing", "cancelling" -> finalizer.finish(batch);
            default -> Uni.createFrom().voidItem();
        };
    }
}
