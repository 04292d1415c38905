package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * A job routed to one provider, its messages already including the session's earlier turns. Topic
 * {@code switchboard.dispatch.<provider>.v1}.
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
        Instant dispatchedAt) {

    public JobDispatched {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(provider, "provider");
        EventContract.required(providerModel, "provider_model");
        EventContract.required(request, "request");
        EventContract.required(dispatchedAt, "dispatched_at");
    }

    public static JobDispatched of(JobRequested job, String provider, String providerModel, ChatRequest request,
            Instant at) {
        return new JobDispatched(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.sessionId(), provider,
                providerModel, request, at);
    }
}
