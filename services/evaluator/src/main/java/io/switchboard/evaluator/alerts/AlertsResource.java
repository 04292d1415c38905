package io.switchboard.evaluator.alerts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.api.InvalidRequest;
import io.switchboard.evaluator.api.Cursor;
import io.switchboard.evaluator.api.QueryParameters;

/**
 * Internal API behind the ingress's {@code GET /v1/quality/alerts}: the stored alerts, newest first. {@code tenant}
 * absent means every tenant's alerts and those about the evaluator itself; only the ingress calls this, naming the
 * tenant unless its caller is the admin.
 */
@Path("/internal/quality/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS = Set.of("tenant", "kind", "state", "route", "model", "variant",
            "metric", "since", "until", "limit", "cursor");

    private final AlertStore store;

    AlertsResource(AlertStore store) {
        this.store = store;
    }

    @GET
    public Uni<AlertPage> list(@Context UriInfo uri, @RestQuery String tenant, @RestQuery String kind,
            @RestQuery String state, @RestQuery String route, @RestQuery String model, @RestQuery String variant,
            @RestQuery String metric, @RestQuery String since, @RestQuery String until, @RestQuery String limit,
            @RestQuery String cursor) {
        QueryParameters.requireKnown(uri, PARAMETERS);
        AlertFilter filter = new AlertFilter(QueryParameters.name(tenant, "tenant"), kind(kind),
                AlertState.parseOrNull(state), QueryParameters.name(route, "route"), QueryParameters.name(model, "model"),
                QueryParameters.name(variant, "variant"), QueryParameters.name(metric, "metric"),
                instant(since, "since"), instant(until, "until"));
        return store.page(filter, Cursor.decodeOrNull(cursor), QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private static QualityAlertKind kind(String kind) {
        if (kind == null) {
            return null;
        }
        return Arrays.stream(QualityAlertKind.values()).filter(known -> known.wireName().equals(kind)).findFirst()
                .orElseThrow(() -> new InvalidRequest("Invalid 'kind': expected one of "
                        + Arrays.toString(QualityAlertKind.values()) + ".", "kind"));
    }

    private static Instant instant(String value, String param) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("Invalid '" + param + "': expected an ISO-8601 instant such as 2026-12-05T00:00:00Z.",
                    param);
        }
    }
}
