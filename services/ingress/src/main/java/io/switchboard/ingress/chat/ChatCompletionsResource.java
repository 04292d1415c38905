package io.switchboard.ingress.chat;

import java.time.Duration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.jobs.Arrival;
import io.switchboard.ingress.jobs.CacheHeader;
import io.switchboard.ingress.jobs.JobGate;
import io.switchboard.ingress.jobs.JobIntake;
import io.switchboard.ingress.jobs.JobsResource;
import io.switchboard.ingress.limits.Admission;

/**
 * OpenAI's synchronous chat completions, served by the same durable pipeline as jobs: the request is
 * accepted into Kafka as a job and the caller waits for that job's outcome. With {@code stream: true}
 * the provider's chunks are relayed to the caller as the worker reads them.
 *
 * <p>The answer is written as a stream either way, so that its status and headers can wait until the
 * job shows how it goes: an error before the first chunk is still an HTTP error with an OpenAI body.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private static final String OPERATION = "chat.completions";
    private static final String STREAM_INTERRUPTED = "provider_stream_interrupted";
    private static final Duration BROKEN_STREAM_GRACE = Duration.ofSeconds(3);

    private final JobGate gate;
    private final JobOutcomes outcomes;
    private final ReplyRegistry replies;
    private final LiveStreams streams;
    private final AuthenticatedTenant tenant;
    private final IngressConfig config;
    private final ObjectMapper json;
    private final CompletionChunks chunks;
    private final IdempotencyKeys idempotency;

    ChatCompletionsResource(JobGate gate, JobOutcomes outcomes, ReplyRegistry replies, LiveStreams streams,
            AuthenticatedTenant tenant, IngressConfig config, ObjectMapper json, IdempotencyKeys idempotency) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.replies = replies;
        this.streams = streams;
        this.tenant = tenant;
        this.config = config;
        this.json = json;
        this.chunks = new CompletionChunks(json);
        this.idempotency = idempotency;
    }

    /**
     * With an {@code Idempotency-Key}, a repeat of the same request within 24 hours waits for and answers
     * the original job's completion instead of running a second one.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The chat.completion, or with stream: true its chunks as "
            + "Server-Sent Events ending with data: [DONE].", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON),
                    @Content(mediaType = MediaType.SERVER_SENT_EVENTS) })
    public Multi<String> create(ChatCompletionRequest request, @RestHeader("Idempotency-Key") String idempotencyKey,
            @RestHeader(CacheHeader.NAME) String cache) {
        if (request == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        Arrival arrival = Arrival.waitedOn(request.streamed()).allowingCache(CacheHeader.allows(cache));
        Uni<ChatReply> reply = idempotencyKey == null ? run(JobIntake.newJobId(), request, arrival)
                : runOnce(request, idempotencyKey, arrival);
        return RestMulti.fromUniResponse(reply, ChatReply::body, ChatReply::headers, ChatReply::status);
    }

    private Uni<ChatReply> runOnce(ChatCompletionRequest request, String idempotencyKey, Arrival arrival) {
        String tenantId = tenant.id();
        gate.validate(tenant.owner(), request.toSubmission());
        return idempotency.claim(tenantId, OPERATION, idempotencyKey, request, JobIntake.newJobId())
                .chain(claim -> switch (claim) {
                    // a failure naming the job means the job exists: only a request never accepted frees its key
                    case IdempotencyKeys.Claim.First first -> run(first.jobId(), request, arrival)
                            .onFailure(failure -> !(failure instanceof ApiException api && api.jobId() != null))
                            .call(() -> idempotency.release(tenantId, OPERATION, idempotencyKey));
                    case IdempotencyKeys.Claim.Repeat repeat -> awaitOutcome(repeat.jobId(), request, Admission.NONE)
                            .map(original -> original.withHeader(JobsResource.REPLAYED, "true"));
                });
    }

    private Uni<ChatReply> run(String jobId, ChatCompletionRequest request, Arrival arrival) {
        replies.expect(jobId);
        LiveStream live = request.streamed() ? streams.open(jobId, tenant.id()) : null;
        // deferred, so that a request refused before it is accepted also stops being waited for
        return Uni.createFrom().deferred(() -> gate.accept(tenant.owner(), jobId, request.toSubmission(), arrival))
                .onFailure().invoke(() -> {
                    replies.forget(jobId);
                    streams.close(jobId);
                })
                .chain(accepted -> live == null ? awaitOutcome(jobId, request, accepted.admission())
                        : awaitFirstChunkOrOutcome(jobId, request, live, accepted.admission()));
    }

    /**
     * Whichever comes first answers: the first relayed chunk starts the live stream; an outcome (a job that
     * failed at once, or whose chunks this replica missed) is answered whole, as it would be unstreamed.
     */
    private Uni<ChatReply> awaitFirstChunkOrOutcome(String jobId, ChatCompletionRequest request, LiveStream live,
            Admission admission) {
        Uni<ChatReply> streaming = live.started()
                .map(started -> ChatReply.events(relay(jobId, live, request.usageInStream()), jobId, admission));
        Uni<ChatReply> whole = awaitOutcome(jobId, request, admission)
                // a stream that broke off had chunks relayed: they may still be on their way to this replica, and
                // the caller is owed them and the error event, as a client of the provider itself would see it
                .onFailure(ChatCompletionsResource::brokeOffMidStream).call(() -> Uni.createFrom().voidItem()
                        .onItem().delayIt().by(BROKEN_STREAM_GRACE))
                .invoke(() -> streams.close(jobId));
        return Uni.combine().any().of(streaming, whole)
                .onFailure().invoke(() -> streams.close(jobId))
                .onCancellation().invoke(() -> streams.close(jobId));
    }

    private static boolean brokeOffMidStream(Throwable failure) {
        return failure instanceof ApiException error && STREAM_INTERRUPTED.equals(error.code());
    }

    private Multi<String> relay(String jobId, LiveStream live, boolean includeUsage) {
        LiveFrames frames = new LiveFrames(json, includeUsage);
        return live.events()
                .onItem().transformToIterable(frames::of)
                .ifNoItem().after(config.syncTimeout()).fail()
                .onFailure().recoverWithItem(frames.error(LiveStream.INTERRUPTED, "No part of the answer arrived for "
                        + config.syncTimeout().toSeconds() + "s. The job goes on: fetch its outcome with GET /v1/jobs/"
                        + jobId + "."))
                .onTermination().invoke(() -> streams.close(jobId));
    }

    private Uni<ChatReply> awaitOutcome(String jobId, ChatCompletionRequest request, Admission admission) {
        return outcomes.await(jobId, tenant.id(), config.syncTimeout())
                .onFailure(TimeoutException.class).transform(timeout -> new ApiException(504, "timeout",
                        "The completion did not finish within " + config.syncTimeout().toSeconds()
                                + "s. It goes on as job " + jobId + ": fetch it with GET /v1/jobs/" + jobId + ".",
                        null, "job_still_running", null).forJob(jobId))
                .map(outcome -> respond(jobId, request, outcome, admission));
    }

    private ChatReply respond(String jobId, ChatCompletionRequest request, JobOutcome outcome, Admission admission) {
        if (!outcome.succeeded()) {
            throw ProviderErrors.toApiException(outcome.errorCode(), outcome.errorMessage()).forJob(jobId)
                    .withHeaders(admission.headers());
        }
        ChatReply reply = request.streamed()
                ? ChatReply.events(Multi.createFrom().item(chunks.stream(outcome.completion(), request.usageInStream())),
                        jobId, admission)
                : ChatReply.json(outcome.completion().toString(), jobId, admission);
        return outcome.cacheHit() ? reply.withHeader(CacheHeader.NAME, "hit") : reply;
    }
}
