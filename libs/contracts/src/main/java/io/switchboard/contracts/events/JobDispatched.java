package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * A job routed to one provider, its messages already including the session's earlier turns. Topic
 * {@code switchboard.dispatch.<provider>.v1}, or {@code switchboard.dispatch.<provider>.retry.v1} when a call
 * failed and the job waits to be tried again.
 *
 * @param attempt   which call of the job at its current target this is: 1 for the first, 2 for the first
 *                  retry...; absent in events before contracts 0.9, read as 1
 * @param notBefore the earliest moment a worker may make the call (a retry's Retry-After or backoff); absent
 *                  when it may be made at once
 * @param apiKeyId  the id of the tenant API key that submitted the job, as the request carried it, never the
 *                  key itself; absent in events before contracts 0.12
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobDispatched(
        int schemaVersion,
        String jobId,
        String tenantId,
        String sessionId,
        String provider,
        String providerModel,
        ChatRequest request,
        Instant dispatchedAt,
        Routing routing,
        Priority priority,
        Lane lane,
        Integer attempt,
        Instant notBefore,
        String apiKeyId) {

    /** Dispatches written before priorities and lanes travelled with them are normal, standard ones. */
    public JobDispatched {
        priority = priority == null ? Priority.NORMAL : priority;
        lane = lane == null ? Lane.STANDARD : lane;
        attempt = attempt == null ? 1 : attempt;
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(provider, "provider");
        EventContract.required(providerModel, "provider_model");
        EventContract.required(request, "request");
        EventContract.required(dispatchedAt, "dispatched_at");
        if (apiKeyId != null) {
            EventContract.required(apiKeyId, "api_key_id");
        }
    }

    /** A dispatch without the submitting key's id, as events before contracts 0.12 were. */
    public JobDispatched(int schemaVersion, String jobId, String tenantId, String sessionId, String provider,
            String providerModel, ChatRequest request, Instant dispatchedAt, Routing routing, Priority priority,
            Lane lane, Integer attempt, Instant notBefore) {
        this(schemaVersion, jobId, tenantId, sessionId, provider, providerModel, request, dispatchedAt, routing,
                priority, lane, attempt, notBefore, null);
    }

    /** A dispatch without a routing record, as events before contracts 0.4 were. */
    public JobDispatched(int schemaVersion, String jobId, String tenantId, String sessionId, String provider,
            String providerModel, ChatRequest request, Instant dispatchedAt) {
        this(schemaVersion, jobId, tenantId, sessionId, provider, providerModel, request, dispatchedAt, null);
    }

    /** A dispatch of a normal, standard job, as events before contracts 0.6 were. */
    public JobDispatched(int schemaVersion, String jobId, String tenantId, String sessionId, String provider,
            String providerModel, ChatRequest request, Instant dispatchedAt, Routing routing) {
        this(schemaVersion, jobId, tenantId, sessionId, provider, providerModel, request, dispatchedAt, routing, null,
                null);
    }

    /** A first call, as every dispatch before contracts 0.9 was. */
    public JobDispatched(int schemaVersion, String jobId, String tenantId, String sessionId, String provider,
            String providerModel, ChatRequest request, Instant dispatchedAt, Routing routing, Priority priority,
            Lane lane) {
        this(schemaVersion, jobId, tenantId, sessionId, provider, providerModel, request, dispatchedAt, routing,
                priority, lane, null, null);
    }

    public static JobDispatched of(JobRequested job, String provider, String providerModel, ChatRequest request,
            Instant at) {
        return new JobDispatched(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.sessionId(), provider,
                providerModel, request, at, null, job.priority(), job.lane(), null, null, job.apiKeyId());
    }

    /** The job sent to the target its routing names. */
    public static JobDispatched of(JobRequested job, ChatRequest request, Routing routing, Instant at) {
        return new JobDispatched(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.sessionId(),
                routing.target().provider(), routing.target().model(), request, at, routing, job.priority(), job.lane(),
                null, null, job.apiKeyId());
    }

    /** The record key: the same as the request's, so a session's turns stay on one partition of each topic. */
    public String partitionKey() {
        return sessionId != null ? tenantId + "/" + sessionId : jobId;
    }

    /** This job sent on to another target after a failure, with its routing moved on. */
    public JobDispatched fallBack(Routing next, Instant at) {
        return new JobDispatched(schemaVersion, jobId, tenantId, sessionId, next.target().provider(),
                next.target().model(), request, at, next, priority, lane, 1, null, apiKeyId);
    }

    /**
     * This job to be called again at the same target no earlier than {@code notBefore}, the failed call
     * recorded in its routing (when it has one).
     */
    public JobDispatched retry(RoutingAttempt failed, Instant notBefore, Instant at) {
        Routing recorded = routing == null ? null : routing.withAttempt(failed);
        return new JobDispatched(schemaVersion, jobId, tenantId, sessionId, provider, providerModel, request, at,
                recorded, priority, lane, attempt + 1, notBefore, apiKeyId);
    }
}
