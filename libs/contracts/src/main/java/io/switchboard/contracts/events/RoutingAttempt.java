package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One target a job was tried on, and how that went: {@code succeeded}, or {@code failed} with the error and
 * its class ({@link ErrorClass}), which decides whether and where the job falls back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingAttempt(String target, String outcome, String errorCode, ErrorClass errorClass, long latencyMs) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public RoutingAttempt {
        EventContract.required(target, "attempt.target");
        EventContract.required(outcome, "attempt.outcome");
    }

    public static RoutingAttempt succeeded(String target, long latencyMs) {
        return new RoutingAttempt(target, SUCCEEDED, null, null, latencyMs);
    }

    public static RoutingAttempt failed(String target, String errorCode, ErrorClass errorClass, long latencyMs) {
        return new RoutingAttempt(target, FAILED, errorCode, errorClass, latencyMs);
    }
}
