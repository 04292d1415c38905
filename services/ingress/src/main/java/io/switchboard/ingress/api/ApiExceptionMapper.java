package io.switchboard.ingress.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.ConnectionPoolTooBusyException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** The one place where failures become HTTP answers, always with OpenAI's error body. */
public class ApiExceptionMapper {

    /** Names the job behind a response, so a client can fetch it later with {@code GET /v1/jobs/{id}}. */
    public static final String JOB_ID_HEADER = "X-Switchboard-Job-Id";
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);
    static final int OVERLOADED_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.jobId() != null) {
            response.header(JOB_ID_HEADER, e.jobId());
        }
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String original = firstLine(e.getOriginalMessage());
        boolean truncated = original.contains("end-of-input");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !truncated) {
            String param = path(mapping);
            if (e instanceof MismatchedInputException) {
                return apiException(ApiException.invalidRequest("Invalid type for '" + param + "': " + original, param,
                        "invalid_type"));
            }
            return apiException(ApiException.invalidRequest("Invalid value for '" + param + "': " + original, param,
                    "invalid_value"));
        }
        return apiException(ApiException.invalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
                        + "HTTP library correctly. The OpenAI API expects a JSON payload.)",
                null, "invalid_json"));
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        // RESTEasy wraps a body that Jackson could not read into a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        return apiException(new ApiException(status, type, e.getMessage(), null, null, null));
    }

    /**
     * Every Redis connection busy and the wait queue full: the ingress is overloaded, not broken. A 503 with
     * {@code Retry-After} tells clients (the OpenAI SDKs retry it) to back off; one line, no stack trace, as
     * it comes by the thousand under overload.
     */
    @ServerExceptionMapper
    public Response overloaded(ConnectionPoolTooBusyException e) {
        LOG.warnf("overloaded, answered 503: %s", e.getMessage());
        return apiException(ApiException.unavailable("The server is overloaded right now. Please retry.",
                OVERLOADED_RETRY_AFTER_SECONDS));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure while serving a request");
        return apiException(new ApiException(500, "server_error",
                "The server had an error while processing your request.", null, null, null));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
