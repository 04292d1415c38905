package io.switchboard.ingress.quality;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.KnownParameters;
import io.switchboard.ingress.auth.AdminReadable;

/**
 * The evaluator's quality alerts about the caller's strata, newest first; the admin credential also sees the alerts
 * about the evaluator itself.
 */
@Path("/v1/quality/alerts")
@Produces(MediaType.APPLICATION_JSON)
@AdminReadable
public class QualityAlertsResource {

    private static final Set<String> PARAMETERS = Set.of("tenant", "kind", "state", "route", "model", "variant",
            "metric", "since", "until", "limit", "cursor");

    private final EvaluatorClient evaluator;
    private final QualityScope scope;

    QualityAlertsResource(@RestClient EvaluatorClient evaluator, QualityScope scope) {
        this.evaluator = evaluator;
        this.scope = scope;
    }

    @GET
    public Uni<JsonNode> list(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String kind,
            @RestQuery String state, @RestQuery String route, @RestQuery String model, @RestQuery String variant,
            @RestQuery String metric, @RestQuery String since, @RestQuery String until, @RestQuery String limit,
            @RestQuery String cursor) {
        KnownParameters.require(uri, PARAMETERS);
        String scoped = scope.tenantFilter(tenant);
        return EvaluatorAnswers.orUnavailable(evaluator.alerts(scoped, kind, state, route, model, variant, metric,
                since, until, limit, cursor), "quality alerts", scoped);
    }
}
