package io.switchboard.ingress.budgets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * Billing's budgets API, as the ingress uses it: reserve a job's worst case, release it, and learn who has hard
 * budgets. Its own client configuration ({@code quarkus.rest-client.budgets.*}, billing's URL by default), so that a
 * reservation can have a shorter timeout than the usage reads.
 */
@RegisterRestClient(configKey = "budgets")
@Path("/internal/budgets")
public interface BudgetsClient {

    @POST
    @Path("/reservations")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> reserve(ReservationAsk ask);

    @DELETE
    @Path("/reservations/{jobId}")
    Uni<JsonNode> release(@RestPath String jobId);

    @GET
    @Path("/hard")
    Uni<JsonNode> hardScopes();

    /** Billing's 429 is a refusal by a hard budget; any other failure is billing's, and fails open or closed. */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        if (response.getStatus() != 429) {
            return null;
        }
        JsonNode body;
        try {
            body = response.readEntity(JsonNode.class);
        } catch (RuntimeException unreadable) {
            body = null;
        }
        return new BudgetRefusal(body);
    }
}
