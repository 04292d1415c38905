package io.switchboard.ingress.pricing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
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
 * Billing's internal price catalog API (the same billing client configuration as the usage reads,
 * {@code quarkus.rest-client.billing.*}). The body of a new price is passed as text, untouched: billing reads its
 * decimals exactly, and re-encoding them here could turn a price into binary floating point.
 */
@RegisterRestClient(configKey = "billing")
@Path("/internal/prices")
public interface PricesClient {

    @GET
    Uni<JsonNode> prices(@RestQuery String provider, @RestQuery String model, @RestQuery String at);

    @GET
    @Path("/{version}")
    Uni<JsonNode> version(@RestPath String version);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> add(String price);

    /**
     * Billing's 400 (an invalid price or filter) and 404 (no such version) are the caller's mistakes: they go back as
     * billing wrote them. Any other failure is billing's, answered as unavailable by the resource.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        if (response.getStatus() != 400 && response.getStatus() != 404) {
            return null;
        }
        JsonNode error = readError(response);
        if (response.getStatus() == 404) {
            return ApiException.notFound(error.path("message").asText("Not found."),
                    error.path("code").isTextual() ? error.path("code").asText() : "not_found");
        }
        return new ApiException(400, "invalid_request_error",
                error.path("message").asText("The price was refused."),
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
