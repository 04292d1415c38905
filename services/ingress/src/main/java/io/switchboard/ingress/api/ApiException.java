package io.switchboard.ingress.api;

import java.util.Map;

/**
 * A failure the caller should see, in OpenAI's error vocabulary. Thrown anywhere in the ingress and
 * turned into the HTTP answer by {@link ApiExceptionMapper} alone.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Integer retryAfterSeconds;
    private final String jobId;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String message, String param, String code, Integer retryAfterSeconds) {
        this(status, type, message, param, code, retryAfterSeconds, null, Map.of());
    }

    private ApiException(int status, String type, String message, String param, String code, Integer retryAfterSeconds,
            String jobId, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.jobId = jobId;
        this.headers = Map.copyOf(headers);
    }

    /** The same error, naming the job it concerns so that the caller can fetch it later. */
    public ApiException forJob(String id) {
        return new ApiException(status, type, getMessage(), param, code, retryAfterSeconds, id, headers);
    }

    /** The same error, answered with these headers too (rate-limit headers, for one). */
    public ApiException withHeaders(Map<String, String> extra) {
        return new ApiException(status, type, getMessage(), param, code, retryAfterSeconds, jobId, extra);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException invalidRequest(String message, String param, String code) {
        return new ApiException(400, "invalid_request_error", message, param, code, null);
    }

    public static ApiException notFound(String message, String code) {
        return new ApiException(404, "invalid_request_error", message, null, code, null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "invalid_request_error", message, null, "invalid_api_key", null);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, "server_error", message, null, "service_unavailable", retryAfterSeconds);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(new ErrorBody.Error(getMessage(), type, param, code), jobId);
    }

    public String jobId() {
        return jobId;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
