package io.switchboard.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's error body: {@code {"error":{"message","type","param","code"}}}, nulls written out. When the
 * error concerns a job that exists (a synchronous call that timed out), {@code job_id} names it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(Error error, String jobId) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(String message, String type, String param, String code) {
    }

    public static ErrorBody of(String message, String type, String param, String code) {
        return new ErrorBody(new Error(message, type, param, code), null);
    }
}
