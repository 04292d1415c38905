package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One call of a job to a target, and how that went: {@code succeeded}, or {@code failed} with the error and
 * its class ({@link ErrorClass}), which decides whether and where the job falls back.
 *
 * @param retryDelayMs when the job was called again at the same target after this failure, how long it was
 *                     held first (the provider's {@code Retry-After}, or the backoff); absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingAttempt(String target, String outcome, String errorCode, ErrorClass errorClass, long latencyMs,
        Long retryDelayMs) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public RoutingAttempt {
        EventContract.required(target, "attempt.target");
        EventContract.required(outcome, "attempt.outcome");
    }

    /** An attempt as recorded before contracts 0.9, with no retry after it. */
    public RoutingAttempt(String target, String outcome, String errorCode, ErrorClass errorClass, long latencyMs) {
        this(target, outcome, errorCode, errorClass, latencyMs, null);
    }

    public static RoutingAttempt succeeded(String target, long latencyMs) {
        return new RoutingAttempt(target, SUCCEEDED, null, null, latencyMs);
    }

    public static RoutingAttempt failed(String target, String errorCode, ErrorClass errorClass, long latencyMs) {
        return new RoutingAttempt(target, FAILED, errorCode, errorClass, latencyMs);
    }

    /** This failed attempt, followed by another call at the same target after {@code delayMs}. */
    public RoutingAttempt retriedAfter(long delayMs) {
        return new RoutingAttempt(target, outcome, errorCode, errorClass, latencyMs, delayMs);
    }
}
