package io.switchboard.ingress.batch;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.jobs.JobGate;
import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * Submits a batch's pending lines as jobs, a bounded number per step. Lines are claimed under a lease,
 * so replicas never submit the same line at once; each line's job id was fixed at validation, so a line
 * submitted again after its submitter died is still the same job. Each line's worst case is reserved against
 * the hard budgets before its job is written ({@link JobGate#acceptBatchLine}): a line a budget refuses fails for
 * good, with the 429 {@code insufficient_quota} in the error file (a budget does not make room while the batch
 * waits: a new period or a higher limit does, and OpenAI's batches fail such a request the same way); a line that
 * could not be reserved because billing (or Kafka) could not be reached goes back to pending, for a later step.
 */
@ApplicationScoped
class LineSubmitter {

    private static final Logger LOG = Logger.getLogger(LineSubmitter.class);

    private enum Outcome {
        SUBMITTED, REFUSED, RETRY
    }

    private record Attempt(String lineId, Outcome outcome) {
    }

    private final RequestStore requests;
    private final JobGate gate;
    private final OwnContexts contexts;
    private final ObjectMapper json;
    private final BatchConfig config;

    LineSubmitter(RequestStore requests, JobGate gate, OwnContexts contexts, ObjectMapper json, BatchConfig config) {
        this.requests = requests;
        this.gate = gate;
        this.contexts = contexts;
        this.json = json;
        this.config = config;
    }

    Uni<Void> submit(ActiveBatch batch) {
        return requests.claim(batch.id(), config.submitPerStep(), config.submitLease())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : submitAll(batch, claimed));
    }

    private Uni<Void> submitAll(ActiveBatch batch, List<ClaimedLine> claimed) {
        // Once Kafka or billing fails one line it will fail the next: give the rest back at once, not after a
        // timeout each. A budget's refusal stops nothing: a smaller line may still fit.
        AtomicBoolean unreachable = new AtomicBoolean();
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(line -> unreachable.get()
                        ? Uni.createFrom().item(new Attempt(line.id(), Outcome.RETRY))
                        : submitOne(batch.owner(), line, unreachable))
                .merge(config.submitConcurrency())
                .collect().asList()
                .chain(attempts -> {
                    List<String> retried = lines(attempts, Outcome.RETRY);
                    if (!retried.isEmpty()) {
                        LOG.warnf("batch %s: %d of %d requests not submitted, retrying in a later step", batch.id(),
                                retried.size(), attempts.size());
                    }
                    return requests.markSubmitted(lines(attempts, Outcome.SUBMITTED))
                            .chain(() -> requests.markRefused(lines(attempts, Outcome.REFUSED),
                                    BudgetGuard.INSUFFICIENT_QUOTA, BudgetGuard.quotaExceeded().getMessage()))
                            .chain(() -> requests.release(retried));
                });
    }

    private Uni<Attempt> submitOne(KeyOwner owner, ClaimedLine line, AtomicBoolean unreachable) {
        return contexts.run(() -> gate.acceptBatchLine(owner, line.jobId(), submission(line)))
                .map(job -> new Attempt(line.id(), Outcome.SUBMITTED))
                .onFailure(BudgetGuard::isRefusal).recoverWithItem(() -> new Attempt(line.id(), Outcome.REFUSED))
                .onFailure().recoverWithItem(failure -> {
                    if (unreachable.compareAndSet(false, true)) {
                        // an ApiException's message is ours; any other could quote the request
                        LOG.warnf("batch request %s (job %s) not submitted: %s", line.id(), line.jobId(),
                                failure instanceof ApiException api ? api.getMessage() : failure.getClass().getName());
                    }
                    return new Attempt(line.id(), Outcome.RETRY);
                });
    }

    private static List<String> lines(List<Attempt> attempts, Outcome outcome) {
        return attempts.stream().filter(attempt -> attempt.outcome() == outcome).map(Attempt::lineId).toList();
    }

    private JobSubmission submission(ClaimedLine line) {
        try {
            return json.readValue(line.body(), JobSubmission.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored request of batch request " + line.id() + " is unreadable", e);
        }
    }
}
