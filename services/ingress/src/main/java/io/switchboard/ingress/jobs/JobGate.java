package io.switchboard.ingress.jobs;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.limits.Admission;
import io.switchboard.ingress.limits.RateLimiter;
import io.switchboard.ingress.limits.TokenEstimator;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * The way in for every job of the API, synchronous or not: validated, admitted by the limits, its worst case
 * reserved against the hard budgets, then accepted into Kafka. A job that Kafka does not take gives its place under
 * the limits and its reservation back.
 */
@ApplicationScoped
public class JobGate {

    /** An accepted job and the limits' state after it, for the response's rate-limit headers. */
    public record Accepted(JobView job, Admission admission) {
    }

    private final JobSubmissionValidator validator;
    private final TokenEstimator tokens;
    private final RateLimiter limiter;
    private final JobIntake intake;
    private final BudgetGuard budgets;

    JobGate(JobSubmissionValidator validator, TokenEstimator tokens, RateLimiter limiter, JobIntake intake,
            BudgetGuard budgets) {
        this.budgets = budgets;
        this.validator = validator;
        this.tokens = tokens;
        this.limiter = limiter;
        this.intake = intake;
    }

    /** Refuses, by throwing, what the pipeline would not serve; {@link #accept} does it too. */
    public void validate(KeyOwner owner, JobSubmission submission) {
        validator.validate(submission, owner.tenantId());
    }

    /**
     * The rate limits go first (a Redis round trip, and their refusal has nothing to give back), then the hard
     * budgets (billing), then Kafka. A budget refusal gives the job's place under the limits back; a job Kafka does
     * not take gives back both its place and its reservation.
     */
    public Uni<Accepted> accept(KeyOwner owner, String jobId, JobSubmission submission, Arrival arrival) {
        validate(owner, submission);
        int promptTokens = tokens.promptTokens(submission);
        return limiter.admit(owner, jobId, tokens.estimate(submission, promptTokens))
                .chain(admission -> reserveAndSubmit(owner, jobId, submission, promptTokens, arrival)
                        .onFailure().call(() -> limiter.settle(owner.tenantId(), jobId, 0))
                        .map(job -> new Accepted(job, admission)));
    }

    /**
     * A line of a batch, validated when its batch was: outside the rate limits (a batch's own throttle paces it), but
     * its worst case reserved against the hard budgets like any job's, at the batch price. Fails as {@link #accept}
     * does: {@link BudgetGuard#isRefusal} for a budget's refusal, an {@code ApiException} 503 when billing or Kafka
     * cannot be reached (nothing is held then).
     */
    public Uni<JobView> acceptBatchLine(KeyOwner owner, String jobId, JobSubmission submission) {
        return reserveAndSubmit(owner, jobId, submission, tokens.promptTokens(submission), Arrival.BATCH);
    }

    private Uni<JobView> reserveAndSubmit(KeyOwner owner, String jobId, JobSubmission submission, int promptTokens,
            Arrival arrival) {
        return budgets.reserve(owner, jobId, submission, promptTokens, arrival.lane())
                .chain(() -> intake.submit(jobId, owner, submission, arrival)
                        .onFailure().call(() -> budgets.release(jobId)));
    }
}
