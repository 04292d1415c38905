package io.switchboard.ingress.quality;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;

/**
 * The evaluator's internal quality API, which is not exposed to tenants directly. {@code tenant} null asks over every
 * tenant: only {@link QualityScope} decides what is sent, and it sends null for the admin alone. Null parameters are
 * left out of the request.
 */
@RegisterRestClient(configKey = "evaluator")
@Path("/internal")
public interface EvaluatorClient {

    @GET
    @Path("/evaluations")
    Uni<JsonNode> evaluations(@RestQuery String tenant, @RestQuery String route, @RestQuery String model,
            @RestQuery String variant, @RestQuery String check, @RestQuery String since, @RestQuery String until,
            @RestQuery String limit, @RestQuery String cursor);

    @GET
    @Path("/evaluations/summary")
    Uni<JsonNode> summary(@RestQuery String tenant, @RestQuery String route, @RestQuery String model,
            @RestQuery String variant, @RestQuery String check, @RestQuery String since, @RestQuery String until);

    @GET
    @Path("/quality/alerts")
    Uni<JsonNode> alerts(@RestQuery String tenant, @RestQuery String kind, @RestQuery String state,
            @RestQuery String route, @RestQuery String model, @RestQuery String variant, @RestQuery String metric,
            @RestQuery String since, @RestQuery String until, @RestQuery String limit, @RestQuery String cursor);

    @GET
    @Path("/routes/{route}/comparison")
    Uni<JsonNode> comparison(@RestPath String route, @RestQuery String tenant, @RestQuery String model,
            @RestQuery String check, @RestQuery String since, @RestQuery String until);

    /**
     * The evaluator's 400 (a bad filter, window or cursor) is the caller's mistake: it goes back as it was written,
     * OpenAI's error body and all. Any other failure is the evaluator's, answered as unavailable by the resources.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        if (response.getStatus() != 400) {
            return null;
        }
        JsonNode error = readError(response);
        return new ApiException(400, "invalid_request_error",
                error.path("message").asText("The request's parameters were refused."),
                error.path("param").isTextual() ? error.path("param").asText() : null,
                error.path("code").isTextual() ? error.path("code").asText() : "invalid_request", null);
    }

    private static JsonNode readError(Response response) {
        try {
            return response.readEntity(JsonNode.class).path("error");
        } catch (RuntimeException unreadable) {
            return MissingNode.getInstance();
        }
    }
}
