package io.switchboard.ingress.chat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.ApiExceptionMapper;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.jobs.JobGate;
import io.switchboard.ingress.jobs.JobIntake;
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

    ChatCompletionsResource(JobGate gate, JobOutcomes outcomes, ReplyRegistry replies, AuthenticatedTenant tenant,
            IngressConfig config, ObjectMapper json) {
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
    public Uni<Response> create(ChatCompletionRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        String tenantId = tenant.id();
        String jobId = JobIntake.newJobId();
        replies.expect(jobId);
        // deferred, so that a request refused before it is accepted also stops being waited for
        return Uni.createFrom().deferred(() -> gate.accept(tenant.owner(), jobId, request.toSubmission()))
                .onFailure().invoke(() -> replies.forget(jobId))
                .chain(accepted -> outcomes.await(jobId, tenantId, config.syncTimeout())
                        .onFailure(TimeoutException.class).transform(timeout -> new ApiException(504, "timeout",
                                "The completion did not finish within " + config.syncTimeout().toSeconds()
                                        + "s. It goes on as job " + jobId + ": fetch it with GET /v1/jobs/" + jobId + ".",
                                null, "job_still_running", null).forJob(jobId))
                        .map(outcome -> respond(jobId, request, outcome, accepted.admission())));
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
