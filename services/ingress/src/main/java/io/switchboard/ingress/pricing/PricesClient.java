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

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.UpstreamErrors;

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
        return UpstreamErrors.relayed(response, 400, 404);
    }
}
