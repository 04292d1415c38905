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
 * The evaluator's verdicts on the caller's jobs, and their statistics per stratum (tenant, route, model, variant) and
 * check. A tenant key reads its own tenant; the admin credential every tenant, or the one named by {@code tenant}.
 */
@Path("/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@AdminReadable
public class EvaluationsResource {

    private static final Set<String> FILTERS = Set.of("tenant", "route", "model", "variant", "check", "since", "until");
    private static final Set<String> LIST_PARAMETERS = Set.of("tenant", "route", "model", "variant", "check", "since",
            "until", "limit", "cursor");

    private final EvaluatorClient evaluator;
    private final QualityScope scope;

    EvaluationsResource(@RestClient EvaluatorClient evaluator, QualityScope scope) {
        this.evaluator = evaluator;
        this.scope = scope;
    }

    /** Verdicts newest first, in pages of {@code limit} (1 to 500, default 100); {@code next_cursor} asks for the next. */
    @GET
    public Uni<JsonNode> list(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String route,
            @RestQuery String model, @RestQuery String variant, @RestQuery String check, @RestQuery String since,
            @RestQuery String until, @RestQuery String limit, @RestQuery String cursor) {
        KnownParameters.require(uri, LIST_PARAMETERS);
        String scoped = scope.tenantFilter(tenant);
        return EvaluatorAnswers.orUnavailable(
                evaluator.evaluations(scoped, route, model, variant, check, since, until, limit, cursor), "evaluations",
                scoped);
    }

    /** Per stratum and check: counts, pass rate, mean score and mean measured value, each with a 95 % interval. */
    @GET
    @Path("/summary")
    public Uni<JsonNode> summary(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String route,
            @RestQuery String model, @RestQuery String variant, @RestQuery String check, @RestQuery String since,
            @RestQuery String until) {
        KnownParameters.require(uri, FILTERS);
        String scoped = scope.tenantFilter(tenant);
        return EvaluatorAnswers.orUnavailable(evaluator.summary(scoped, route, model, variant, check, since, until),
                "the evaluation summary", scoped);
    }
}
