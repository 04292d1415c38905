package io.switchboard.ingress.quality;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.KnownParameters;
import io.switchboard.ingress.auth.AdminReadable;

/**
 * A route's variants compared over a window (pass rates, mean scores, pairwise win rates, each with its interval),
 * so a canary is promoted or rolled back on evidence. A tenant key compares its own jobs on the route; the admin
 * credential every tenant's.
 */
@Path("/v1/routes/{route}/comparison")
@Produces(MediaType.APPLICATION_JSON)
@AdminReadable
public class RouteComparisonResource {

    private static final Set<String> PARAMETERS = Set.of("tenant", "model", "check", "since", "until");

    private final EvaluatorClient evaluator;
    private final QualityScope scope;

    RouteComparisonResource(@RestClient EvaluatorClient evaluator, QualityScope scope) {
        this.evaluator = evaluator;
        this.scope = scope;
    }

    @GET
    public Uni<JsonNode> compare(@Context UriInfo uri, @RestPath String route, @RestQuery String tenant,
            @RestQuery String model, @RestQuery String check, @RestQuery String since, @RestQuery String until) {
        KnownParameters.require(uri, PARAMETERS);
        String scoped = scope.tenantFilter(tenant);
        return EvaluatorAnswers.orUnavailable(evaluator.comparison(route, scoped, model, check, since, until),
                "the comparison of route " + route, scoped);
    }
}
