package io.switchboard.ingress.jobs;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.limits.Admission;
import io.switchboard.ingress.limits.RateLimiter;
import io.switchboard.ingress.limits.TokenEstimator;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * The way in for every job, whatever the endpoint: validated, admitted by the limits, then accepted
 * into Kafka. A job that Kafka does not take gives its place under the limits back.
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

    JobGate(JobSubmissionValidator validator, TokenEstimator tokens, RateLimiter limiter, JobIntake intake) {
        this.validator = validator;
        this.tokens = tokens;
        this.limiter = limiter;
        this.intake = intake;
    }

    /** Refuses, by throwing, what the pipeline would not serve; {@link #accept} does it too. */
    public void validate(KeyOwner owner, JobSubmission submission) {
        validator.validate(submission, owner.tenantId());
    }

    public Uni<Accepted> accept(KeyOwner owner, String jobId, JobSubmission submission, Arrival arrival) {
        validate(owner, submission);
        return limiter.admit(owner, jobId, tokens.estimate(submission))
                .chain(admission -> intake.submit(jobId, owner, submission, arrival)
                        .onFailure().call(() -> limiter.settle(owner.tenantId(), jobId, 0))
                        .map(job -> new Accepted(job, admission)));
    }
}
