package io.switchboard.evaluator.evaluations;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.Cursor;
import io.switchboard.evaluator.api.QueryParameters;
import io.switchboard.evaluator.api.Windows;

/**
 * Internal API behind the ingress's {@code GET /v1/evaluations}: stored verdicts and their per-stratum statistics.
 * {@code tenant} absent means every tenant; only the ingress calls this, and it always names the tenant unless its
 * caller holds the admin credential.
 */
@Path("/internal/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Set<String> FILTERS = Set.of("tenant", "route", "model", "variant", "check", "since", "until");
    private static final Set<String> LIST_PARAMETERS = Set.of("tenant", "route", "model", "variant", "check", "since",
            "until", "limit", "cursor");

    private final EvaluationStore store;
    private final Windows windows;

    EvaluationsResource(EvaluationStore store, Windows windows) {
        this.store = store;
        this.windows = windows;
    }

    @GET
    public Uni<EvaluationPage> list(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String route,
            @RestQuery String model, @RestQuery String variant, @RestQuery String check, @RestQuery String since,
            @RestQuery String until, @RestQuery String limit, @RestQuery String cursor) {
        QueryParameters.requireKnown(uri, LIST_PARAMETERS);
        ScoreFilter filter = filter(tenant, route, model, variant, check, since, until);
        return store.page(filter, Cursor.decodeOrNull(cursor), QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("/summary")
    public Uni<SummaryList> summary(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String route,
            @RestQuery String model, @RestQuery String variant, @RestQuery String check, @RestQuery String since,
            @RestQuery String until) {
        QueryParameters.requireKnown(uri, FILTERS);
        return store.summary(filter(tenant, route, model, variant, check, since, until));
    }

    private ScoreFilter filter(String tenant, String route, String model, String variant, String check, String since,
            String until) {
        return new ScoreFilter(QueryParameters.name(tenant, "tenant"), QueryParameters.name(route, "route"),
                QueryParameters.name(model, "model"), QueryParameters.name(variant, "variant"),
                QueryParameters.name(check, "check"), windows.of(since, until));
    }
}
