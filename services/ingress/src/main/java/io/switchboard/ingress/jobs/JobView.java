package io.switchboard.ingress.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** A job as the API shows it. {@code result} is the OpenAI chat.completion once the job succeeded. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
        String id,
        String object,
        String status,
        String model,
        String sessionId,
        long createdAt,
        long updatedAt,
        @JsonRawValue String result,
        Error error,
        @JsonInclude(JsonInclude.Include.NON_NULL) Callback callback) {

    public record Error(String code, String message) {
    }

    /** Where the finished job is POSTed, and every delivery attempt so far. */
    public record Callback(String url, String state, @JsonRawValue String attempts) {
    }

    /** A job accepted a moment ago whose row is not written yet. */
    static JobView queued(String jobId, JobSubmission submission) {
        long now = java.time.Instant.now().getEpochSecond();
        return new JobView(jobId, "job", "queued", submission.model(), submission.sessionId(), now, now, null, null,
                null);
    }

    public JobView withCallback(Callback newCallback) {
        return new JobView(id, object, status, model, sessionId, createdAt, updatedAt, result, error, newCallback);
    }

    public static JobView of(JobRecord job) {
        Error error = job.errorCode == null ? null : new Error(job.errorCode, job.errorMessage);
        return new JobView(job.id, "job", job.status, job.model, job.sessionId, job.createdAt.getEpochSecond(),
                job.updatedAt.getEpochSecond(), job.result, error, null);
    }
}
