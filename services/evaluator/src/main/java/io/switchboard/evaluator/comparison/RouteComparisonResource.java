package io.switchboard.evaluator.comparison;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.QueryParameters;
import io.switchboard.evaluator.api.Windows;
import io.switchboard.evaluator.evaluations.ScoreFilter;

/**
 * Internal API behind the ingress's {@code GET /v1/routes/{route}/comparison}: a route's variants compared over a
 * window. {@code tenant} absent means every tenant's jobs on the route (for the admin), as for the other quality reads.
 */
@Path("/internal/routes/{route}/comparison")
@Produces(MediaType.APPLICATION_JSON)
public class RouteComparisonResource {

    private static final Set<String> PARAMETERS = Set.of("tenant", "model", "check", "since", "until");

    private final RouteComparisonStore store;
    private final Windows windows;

    RouteComparisonResource(RouteComparisonStore store, Windows windows) {
        this.store = store;
        this.windows = windows;
    }

    @GET
    public Uni<RouteComparison> compare(@Context UriInfo uri, @RestPath String route, @RestQuery String tenant,
            @RestQuery String model, @RestQuery String check, @RestQuery String since, @RestQuery String until) {
        QueryParameters.requireKnown(uri, PARAMETERS);
        return store.compare(new ScoreFilter(QueryParameters.name(tenant, "tenant"), QueryParameters.name(route, "route"),
                QueryParameters.name(model, "model"), null, QueryParameters.name(check, "check"),
                windows.of(since, until)));
    }
}
