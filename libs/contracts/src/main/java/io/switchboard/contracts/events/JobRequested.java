package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * A job the ingress accepted. Topic {@code switchboard.requests.v1}.
 *
 * @param apiKeyId the id of the tenant API key that submitted the job, never the key itself, so usage can be
 *                 told apart by key; absent in events before contracts 0.12
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobRequested(
        int schemaVersion,
        String jobId,
        String tenantId,
        String sessionId,
        ChatRequest request,
        Instant submittedAt,
        Priority priority,
        Lane lane,
        String apiKeyId) {

    /** Jobs written before priorities and lanes existed are normal, standard ones. */
    public JobRequested {
        priority = priority == null ? Priority.NORMAL : priority;
        lane = lane == null ? Lane.STANDARD : lane;
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(request, "request");
        EventContract.required(submittedAt, "submitted_at");
        if (apiKeyId != null) {
            EventContract.required(apiKeyId, "api_key_id");
        }
    }

    /** A job without the submitting key's id, as events before contracts 0.12 were. */
    public JobRequested(int schemaVersion, String jobId, String tenantId, String sessionId, ChatRequest request,
            Instant submittedAt, Priority priority, Lane lane) {
        this(schemaVersion, jobId, tenantId, sessionId, request, submittedAt, priority, lane, null);
    }

    public static JobRequested of(String jobId, String tenantId, String sessionId, ChatRequest request, Instant at) {
        return of(jobId, tenantId, sessionId, request, at, Priority.NORMAL);
    }

    public static JobRequested of(String jobId, String tenantId, String sessionId, ChatRequest request, Instant at,
            Priority priority) {
        return of(jobId, tenantId, sessionId, request, at, priority, Lane.STANDARD);
    }

    public static JobRequested of(String jobId, String tenantId, String sessionId, ChatRequest request, Instant at,
            Priority priority, Lane lane) {
        return of(jobId, tenantId, sessionId, request, at, priority, lane, null);
    }

    /** A job submitted with the tenant API key whose id is {@code apiKeyId}. */
    public static JobRequested of(String jobId, String tenantId, String sessionId, ChatRequest request, Instant at,
            Priority priority, Lane lane, String apiKeyId) {
        return new JobRequested(EventType.SCHEMA_VERSION, jobId, tenantId, sessionId, request, at, priority, lane,
                apiKeyId);
    }

    /**
     * Requests of one session share a key so that they stay in order on one partition; sessionless
     * jobs spread by job id.
     */
    public String partitionKey() {
        return sessionId != null ? tenantId + "/" + sessionId : jobId;
    }
}
