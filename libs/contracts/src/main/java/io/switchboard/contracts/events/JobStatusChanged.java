package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/** A job moved to a non-terminal status. Topic {@code switchboard.job-status.v1}, keyed by job id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStatusChanged(
        int schemaVersion,
        String jobId,
        String tenantId,
        String model,
        JobStatus status,
        Instant at) {

    public JobStatusChanged {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(status, "status");
        EventContract.required(at, "at");
    }

    public static JobStatusChanged of(String jobId, String tenantId, String model, JobStatus status, Instant at) {
        return new JobStatusChanged(EventType.SCHEMA_VERSION, jobId, tenantId, model, status, at);
    }
}
