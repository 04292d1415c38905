package io.switchboard.ingress.api;

import java.util.Arrays;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.smallrye.mutiny.Uni;

/**
 * How the ingress answers for a service it asked on the caller's behalf (billing, the evaluator), in one place for
 * every REST client: the upstream's refusals that are the caller's to fix go back with the upstream's status and
 * OpenAI error body ({@link #relayed}); anything else the upstream did, or its silence, is a 503 to retry
 * ({@link #orUnavailable}).
 */
public final class UpstreamErrors {

    /** How long a caller is asked to wait after an upstream did not answer. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class);

    private UpstreamErrors() {
    }

    /**
     * For a REST client's {@code @ClientExceptionMapper}: the upstream's OpenAI error as the caller's, with its status,
     * message, type, param and code, when the status is one of {@code relayedStatuses}; null otherwise, which leaves
     * the failure to {@link #orUnavailable}. A body that cannot be read keeps the status with a generic message.
     */
    public static ApiException relayed(Response response, int... relayedStatuses) {
        int status = response.getStatus();
        if (Arrays.stream(relayedStatuses).noneMatch(relayed -> relayed == status)) {
            return null;
        }
        return relayed(status, readError(response));
    }

    /** The upstream's {@code error} object (or a missing node) as the caller's error, with the upstream's status. */
    static ApiException relayed(int status, JsonNode error) {
        return new ApiException(status, textOr(error, "type", "invalid_request_error"),
                textOr(error, "message", status == 404 ? "Not found." : "The request's parameters were refused."),
                textOr(error, "param", null), textOr(error, "code", status == 404 ? "not_found" : "invalid_request"),
                null);
    }

    /**
     * The upstream's answer, or a 503 {@code service_unavailable} with {@code message} and {@code Retry-After} when
     * it failed other than by a relayed refusal; the failure is logged as "{@code upstream} did not answer
     * {@code what}", never shown to the caller.
     */
    public static <T> Uni<T> orUnavailable(Uni<T> answer, String upstream, String what, String message) {
        return answer.onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> {
            LOG.warnf("%s did not answer %s: %s", upstream, what, failure.toString());
            return ApiException.unavailable(message, RETRY_AFTER_SECONDS);
        });
    }

    private static JsonNode readError(Response response) {
        try {
            return response.readEntity(JsonNode.class).path("error");
        } catch (RuntimeException unreadable) {
            return MissingNode.getInstance();
        }
    }

    private static String textOr(JsonNode error, String field, String fallback) {
        JsonNode value = error.path(field);
        return value.isTextual() ? value.asText() : fallback;
    }
}
