package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/** One check's verdict on one sampled result. Topic {@code switchboard.scores.v1}, keyed by job id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationScored(
        int schemaVersion,
        String jobId,
        String tenantId,
        String model,
        String check,
        boolean passed,
        double score,
        String detail,
        Instant evaluatedAt) {

    public EvaluationScored {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(check, "check");
        EventContract.required(evaluatedAt, "evaluated_at");
    }

    public static EvaluationScored of(JobCompleted result, String check, boolean passed, double score,
            String detail, Instant at) {
        return new EvaluationScored(EventType.SCHEMA_VERSION, result.jobId(), result.tenantId(), result.model(),
                check, passed, score, detail, at);
    }
}
