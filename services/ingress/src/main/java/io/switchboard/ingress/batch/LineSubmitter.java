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
import io.switchboard.ingress.jobs.JobIntake;
import io.switchboard.ingress.jobs.Arrival;
import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * Submits a batch's pending lines as jobs, a bounded number per step. Lines are claimed under a lease,
 * so replicas never submit the same line at once; each line's job id was fixed at validation, so a line
 * submitted again after its submitter died is still the same job.
 */
@ApplicationScoped
class LineSubmitter {

    private static final Logger LOG = Logger.getLogger(LineSubmitter.class);

    private record Attempt(String lineId, boolean submitted) {
    }

    private final RequestStore requests;
    private final JobIntake intake;
    private final OwnContexts contexts;
    private final ObjectMapper json;
    private final BatchConfig config;

    LineSubmitter(RequestStore requests, JobIntake intake, OwnContexts contexts, ObjectMapper json,
            BatchConfig config) {
        this.requests = requests;
        this.intake = intake;
        this.contexts = contexts;
        this.json = json;
        this.config = config;
    }

    Uni<Void> submit(ActiveBatch batch) {
        return requests.claim(batch.id(), config.submitPerStep(), config.submitLease())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : submitAll(batch, claimed));
    }

    private Uni<Void> submitAll(ActiveBatch batch, List<ClaimedLine> claimed) {
        // Once Kafka refuses one job it will refuse the next: give the rest back at once, not after a timeout each.
        AtomicBoolean refused = new AtomicBoolean();
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(line -> refused.get()
                        ? Uni.createFrom().item(new Attempt(line.id(), false))
                        : submitOne(batch.owner(), line, refused))
                .merge(config.submitConcurrency())
                .collect().asList()
                .chain(attempts -> {
                    List<String> submitted = attempts.stream().filter(Attempt::submitted).map(Attempt::lineId).toList();
                    List<String> unsubmitted = attempts.stream().filter(a -> !a.submitted()).map(Attempt::lineId).toList();
                    if (!unsubmitted.isEmpty()) {
                        LOG.warnf("batch %s: %d of %d requests not submitted, retrying in a later step", batch.id(),
                                unsubmitted.size(), attempts.size());
                    }
                    return requests.markSubmitted(submitted).chain(() -> requests.release(unsubmitted));
                });
    }

    private Uni<Attempt> submitOne(KeyOwner owner, ClaimedLine line, AtomicBoolean refused) {
        return contexts.run(() -> intake.submit(line.jobId(), owner, submission(line), Arrival.BATCH))
                .map(job -> new Attempt(line.id(), true))
                .onFailure().recoverWithItem(failure -> {
                    if (refused.compareAndSet(false, true)) {
                        // an ApiException's message is ours; any other could quote the request
                        LOG.warnf("batch request %s (job %s) not submitted: %s", line.id(), line.jobId(),
                                failure instanceof ApiException api ? api.getMessage() : failure.getClass().getName());
                    }
                    return new Attempt(line.id(), false);
                });
    }

    private JobSubmission submission(ClaimedLine line) {
        try {
            return json.readValue(line.body(), JobSubmission.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored request of batch request " + line.id() + " is unreadable", e);
        }
    }
}
