package io.switchboard.ingress.jobs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.callbacks.CallbackStore;
import io.switchboard.ingress.idempotency.IdempotencyKeys;

@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private static final java.util.List<String> STATUSES = java.util.List.of("queued", "running", "succeeded", "failed",
            "cancelled");
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    /** Marks an answer given again for a repeated {@code Idempotency-Key}. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final JobGate gate;
    private final JobStore jobs;
    private final AuthenticatedTenant tenant;
    private final IdempotencyKeys idempotency;
    private final JobCancellation cancellation;
    private final CallbackStore callbacks;

    JobsResource(JobGate gate, JobStore jobs, AuthenticatedTenant tenant, IdempotencyKeys idempotency,
            JobCancellation cancellation, CallbackStore callbacks) {
        this.callbacks = callbacks;
        this.cancellation = cancellation;
        this.gate = gate;
        this.jobs = jobs;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    /**
     * Accepts a job. With an {@code Idempotency-Key}, a repeat of the same request within 24 hours is
     * answered with the original job (and {@code Idempotent-Replayed: true}) instead of a second one.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> submit(JobSubmission submission,
            @RestHeader("Idempotency-Key") String idempotencyKey, @RestHeader(CacheHeader.NAME) String cache) {
        if (submission == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        Arrival arrival = Arrival.ASYNC.allowingCache(CacheHeader.allows(cache));
        if (idempotencyKey == null) {
            return accept(JobIntake.newJobId(), submission, arrival);
        }
        gate.validate(tenant.owner(), submission);
        String tenantId = tenant.id();
        return idempotency.claim(tenantId, "jobs", idempotencyKey, submission, JobIntake.newJobId())
                .chain(claim -> switch (claim) {
                    case IdempotencyKeys.Claim.First first -> accept(first.jobId(), submission, arrival)
                            .onFailure().call(() -> idempotency.release(tenantId, "jobs", idempotencyKey));
                    case IdempotencyKeys.Claim.Repeat repeat -> jobs.findForTenant(repeat.jobId(), tenantId)
                            .map(job -> job != null ? JobView.of(job) : JobView.queued(repeat.jobId(), submission))
                            .map(job -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, job)
                                    .header(REPLAYED, "true").build());
                });
    }

    /** A callback is registered before the job exists, so that even an instant outcome finds it. */
    private Uni<RestResponse<JobView>> accept(String jobId, JobSubmission submission, Arrival arrival) {
        Uni<Void> registered = submission.callbackUrl() == null ? Uni.createFrom().voidItem()
                : callbacks.register(jobId, tenant.id(), submission.callbackUrl());
        return registered.chain(() -> gate.accept(tenant.owner(), jobId, submission, arrival)
                .onFailure().call(() -> submission.callbackUrl() == null ? Uni.createFrom().voidItem()
                        : callbacks.forget(jobId)))
                .map(accepted -> {
            RestResponse.ResponseBuilder<JobView> response = RestResponse.ResponseBuilder.create(
                    RestResponse.Status.ACCEPTED, accepted.job());
            accepted.admission().headers().forEach(response::header);
            return response.build();
        });
    }

    /** The caller's jobs, newest first; {@code after} is the id of the last job of the previous page. */
    @GET
    public Uni<JobList> list(@RestQuery String status, @RestQuery String after, @RestQuery Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalidRequest("Invalid 'status': expected one of " + STATUSES + ".", "status",
                    "invalid_value");
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.invalidRequest("Invalid 'limit': expected 1 to " + MAX_PAGE + ".", "limit",
                    "invalid_value");
        }
        return jobs.page(tenant.id(), status, after, size).map(page -> JobList.of(page, size));
    }

    /** Cancels an unfinished job; cancelling a cancelled job again is harmless, a finished one is 409. */
    @POST
    @Path("/{id}/cancel")
    public Uni<JobView> cancel(@RestPath String id) {
        return cancellation.cancel(id, tenant.id());
    }

    /** Another tenant's job answers 404, exactly as a job that does not exist. */
    @GET
    @Path("/{id}")
    public Uni<JobView> get(@RestPath String id) {
        return jobs.findForTenant(id, tenant.id())
                .onItem().ifNull().failWith(() -> ApiException.notFound("No job found with id '" + id + "'.", "job_not_found"))
                .flatMap(job -> callbacks.find(id).map(callback -> callback == null ? JobView.of(job)
                        : JobView.of(job).withCallback(new JobView.Callback(callback.url, callback.state,
                                callback.attemptLog))));
    }
}
