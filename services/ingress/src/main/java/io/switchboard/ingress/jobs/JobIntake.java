package io.switchboard.ingress.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Priority;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.payloads.PayloadLog;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * Accepts a job: it counts as accepted only once Kafka has acknowledged it ({@code acks=all}), so a
 * caller never holds a job id for a job that was not stored.
 */
@ApplicationScoped
public class JobIntake {

    static final String SOURCE = "/switchboard/ingress";
    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final MutinyEmitter<JobRequested> requests;
    private final JobViewUpdates jobs;
    private final IngressConfig config;
    private final MeterRegistry metrics;
    private final UnacceptedJobs unaccepted;
    private final PayloadLog payloads;

    JobIntake(@Channel("requests") MutinyEmitter<JobRequested> requests, JobViewUpdates jobs, IngressConfig config,
            MeterRegistry metrics, UnacceptedJobs unaccepted, PayloadLog payloads) {
        this.unaccepted = unaccepted;
        this.payloads = payloads;
        this.requests = requests;
        this.jobs = jobs;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Submits under a job id chosen beforehand, so a caller can get ready for the job's result first. A
     * streamed arrival asks the worker to relay the provider's chunks while its caller waits. The job carries
     * the id of the key that submitted it (never the key), so its usage can be told apart by key.
     */
    public Uni<JobView> submit(String jobId, KeyOwner owner, JobSubmission submission, Arrival arrival) {
        String tenantId = owner.tenantId();
        Instant now = Instant.now();
        ChatRequest request = arrival.streamed() ? submission.toChatRequest().streamedLive() : submission.toChatRequest();
        request = arrival.cacheAllowed() ? request.cacheable() : request;
        JobRequested event = JobRequested.of(jobId, tenantId, submission.sessionId(), request, now,
                submission.priority() == null ? Priority.NORMAL : Priority.fromWire(submission.priority()),
                arrival.lane(), owner.keyId());
        return requests.sendMessage(CloudEvents.event(EventType.JOB_REQUESTED, SOURCE, event.partitionKey(),
                event.jobId(), event))
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure(JobIntake::isTooLarge).transform(failure -> new ApiException(413, "invalid_request_error",
                        "The request is too large to be stored as a job.", null, "request_too_large", null))
                .onFailure(failure -> !(failure instanceof ApiException)).recoverWithUni(failure -> {
                    LOG.warnf("job %s of tenant %s not accepted: Kafka did not acknowledge it (%s)", event.jobId(),
                            tenantId, failure.toString());
                    metrics.counter("switchboard.jobs.rejected", "reason", "kafka_unavailable").increment();
                    return unaccepted.disown(event.jobId(), tenantId).chain(() -> Uni.createFrom().<Void>failure(
                            ApiException.unavailable("The job could not be stored right now; it was not accepted. "
                                    + "Please retry.", config.retryAfterSeconds())));
                })
                // by tenant as well: the per-tenant dashboard's traffic (tenants are few and named by operators)
                .invoke(() -> {
                    metrics.counter("switchboard.jobs.accepted", "model", event.request().model(), "tenant", tenantId)
                            .increment();
                    // ids only, never the request: this line ties a job id to its trace id (in the MDC) for an SRE
                    LOG.infof("job %s of tenant %s accepted: model=%s messages=%d", event.jobId(), tenantId,
                            event.request().model(), event.request().messages().size());
                    payloads.accepted(event);
                })
                .chain(() -> recordQueued(event))
                .replaceWith(() -> new JobView(event.jobId(), "job", "queued", event.request().model(),
                        event.sessionId(), now.getEpochSecond(), now.getEpochSecond(), null, null, null));
    }

    /**
     * Writes the queued row so the caller can read the job at once. The job is already safe in Kafka,
     * so a failure here only delays the row until the job's next event.
     */
    private Uni<Void> recordQueued(JobRequested event) {
        return jobs.recordQueued(event.jobId(), event.tenantId(), event.request().model(), event.sessionId(),
                event.submittedAt())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("job %s accepted but its queued row was not written: %s", event.jobId(), failure.toString());
                    return null;
                });
    }

    private static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    public static String newJobId() {
        return "job_" + UUID.randomUUID().toString().replace("-", "");
    }
}
