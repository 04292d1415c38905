package io.switchboard.ingress.batch;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.jobs.JobCancellation;

/**
 * Cancels the jobs of batch lines that were closed while their jobs ran (the batch expired), or while their
 * submitter held them and died (the batch was cancelled): nobody will read their results, so they should not
 * cost a provider call. Each is cancelled as a tenant's cancel would, so workers skip it, and a queued one gives
 * its budget reservation back; a job that never reached the job view gives back the reservation its dead
 * submitter may have made, rather than hold its budget's room until billing's sweeper.
 */
@ApplicationScoped
class OrphanedJobs {

    private static final Logger LOG = Logger.getLogger(OrphanedJobs.class);

    private final JobCancellation cancellation;
    private final BudgetGuard budgets;
    private final OwnContexts contexts;
    private final BatchConfig config;

    OrphanedJobs(JobCancellation cancellation, BudgetGuard budgets, OwnContexts contexts, BatchConfig config) {
        this.cancellation = cancellation;
        this.budgets = budgets;
        this.contexts = contexts;
        this.config = config;
    }

    /**
     * Never fails: a job not cancelled still has its line closed, and the batch must still end. A job that
     * finished meanwhile (409) has nothing to stop; one that never reached the job view (404, its submitter
     * died) has only its reservation, if any, to give back.
     */
    Uni<Void> cancel(String batchId, String tenantId, List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(jobIds)
                .onItem().transformToUni(jobId -> contexts.run(() -> cancellation.cancel(jobId, tenantId))
                        .replaceWith(true)
                        .onFailure(OrphanedJobs::neverAccepted).recoverWithUni(() -> budgets.release(jobId)
                                .replaceWith(false))
                        .onFailure(ApiException.class).recoverWithItem(false)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("batch %s: job %s not cancelled: %s", batchId, jobId, failure.toString());
                            return false;
                        }))
                .merge(config.submitConcurrency())
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .invoke(cancelled -> LOG.infof("batch %s of tenant %s: %d of %d unfinished jobs cancelled", batchId,
                        tenantId, cancelled, jobIds.size()))
                .replaceWithVoid();
    }

    private static boolean neverAccepted(Throwable failure) {
        return failure instanceof ApiException answer && answer.status() == 404;
    }
}
