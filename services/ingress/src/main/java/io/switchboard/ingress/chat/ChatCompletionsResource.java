package io.switchboard.ingress.chat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.ApiExceptionMapper;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.jobs.JobGate;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.jobs.JobIntake;
import io.switchboard.ingress.jobs.JobsResource;
import io.switchboard.ingress.limits.Admission;

/**
 * OpenAI's synchronous chat completions, served by the same durable pipeline as jobs: the request is
 * accepted into Kafka as a job and the caller waits for that job's outcome.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private final JobGate gate;
    private final JobOutcomes outcomes;
    private final ReplyRegistry replies;
    private final AuthenticatedTenant tenant;
    private final IngressConfig config;
    private final CompletionChunks chunks;
    private final IdempotencyKeys idempotency;

    ChatCompletionsResource(JobGate gate, JobOutcomes outcomes, ReplyRegistry replies, AuthenticatedTenant tenant,
            IngressConfig config, ObjectMapper json, IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.gate = gate;
        this.outcomes = outcomes;
        this.replies = replies;
        this.tenant = tenant;
        this.config = config;
        this.chunks = new CompletionChunks(json);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    /**
     * With an {@code Idempotency-Key}, a repeat of the same request within 24 hours waits for and answers
     * the original job's completion instead of running a second one.
     */
    public Uni<Response> create(ChatCompletionRequest request, @RestHeader("Idempotency-Key") String idempotencyKey) {
        if (request == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        String tenantId = tenant.id();
        if (idempotencyKey == null) {
            return run(JobIntake.newJobId(), request);
        }
        gate.validate(tenant.owner(), request.toSubmission());
        return idempotency.claim(tenantId, "chat.completions", idempotencyKey, request, JobIntake.newJobId())
                .chain(claim -> switch (claim) {
                    // a failure naming the job means the job exists: only a request never accepted frees its key
                    case IdempotencyKeys.Claim.First first -> run(first.jobId(), request)
                            .onFailure(failure -> !(failure instanceof ApiException api && api.jobId() != null))
                            .call(() -> idempotency.release(tenantId, "chat.completions", idempotencyKey));
                    case IdempotencyKeys.Claim.Repeat repeat -> awaitOutcome(repeat.jobId(), request, Admission.NONE)
                            .map(response -> Response.fromResponse(response).header(JobsResource.REPLAYED, "true").build());
                });
    }

    private Uni<Response> run(String jobId, ChatCompletionRequest request) {
        replies.expect(jobId);
        // deferred, so that a request refused before it is accepted also stops being waited for
        return Uni.createFrom().deferred(() -> gate.accept(tenant.owner(), jobId, request.toSubmission()))
                .onFailure().invoke(() -> replies.forget(jobId))
                .chain(accepted -> awaitOutcome(jobId, request, accepted.admission()));
    }

    private Uni<Response> awaitOutcome(String jobId, ChatCompletionRequest request, Admission admission) {
        return outcomes.await(jobId, tenant.id(), config.syncTimeout())
                .onFailure(TimeoutException.class).transform(timeout -> new ApiException(504, "timeout",
                        "The completion did not finish within " + config.syncTimeout().toSeconds()
                                + "s. It goes on as job " + jobId + ": fetch it with GET /v1/jobs/" + jobId + ".",
                        null, "job_still_running", null).forJob(jobId))
                .map(outcome -> respond(jobId, request, outcome, admission));
    }

    private Response respond(String jobId, ChatCompletionRequest request, JobOutcome outcome, Admission admission) {
        if (!outcome.succeeded()) {
            throw ProviderErrors.toApiException(outcome.errorCode(), outcome.errorMessage()).forJob(jobId)
                    .withHeaders(admission.headers());
        }
        Response.ResponseBuilder response = request.streamed()
                ? Response.ok(chunks.stream(outcome.completion(), request.usageInStream()), MediaType.SERVER_SENT_EVENTS)
                        .header("Cache-Control", "no-cache")
                : Response.ok(outcome.completion(), MediaType.APPLICATION_JSON);
        admission.headers().forEach(response::header);
        return response.header(ApiExceptionMapper.JOB_ID_HEADER, jobId).build();
    }
}
