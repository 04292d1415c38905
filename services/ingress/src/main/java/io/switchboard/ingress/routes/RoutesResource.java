package io.switchboard.ingress.routes;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.ingress.api.ApiException;

/**
 * The operators' API for routes (the admin credential, as for tenants): a route per model alias, stored
 * in PostgreSQL and published to every router on {@code switchboard.config.routes.v1}. An answer to a
 * change comes once Kafka has the change; the routers apply it within moments, without restarts.
 * Credentials are named, never given.
 */
@Path("/admin/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    private final RouteChanges routes;

    RoutesResource(RouteChanges routes) {
        this.routes = routes;
    }

    @GET
    public Uni<List<RouteDefinition>> routes() {
        return routes.all();
    }

    @GET
    @Path("/{alias}")
    public Uni<RouteDefinition> route(@RestPath String alias) {
        return routes.find(alias).onItem().ifNull().failWith(() -> notFound(alias));
    }

    /** Defines or replaces the alias's route; answers it as stored, with its new version. */
    @PUT
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RouteDefinition> define(@RestPath String alias, ObjectNode definition) {
        return routes.define(alias, definition);
    }

    /** Deletes the alias's route: the routers go back to their routes file for it. */
    @DELETE
    @Path("/{alias}")
    @ResponseStatus(204)
    public Uni<Void> delete(@RestPath String alias) {
        return routes.delete(alias).invoke(deleted -> {
            if (!deleted) {
                throw notFound(alias);
            }
        }).replaceWithVoid();
    }

    private static ApiException notFound(String alias) {
        return ApiException.notFound("No route for alias '" + alias + "'.", "route_not_found");
    }
}
