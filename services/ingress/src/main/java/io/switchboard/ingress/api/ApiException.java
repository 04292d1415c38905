package io.switchboard.ingress.api;

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

    public ApiException(int status, String type, String message, String param, String code, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
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

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return ErrorBody.of(getMessage(), type, param, code);
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
