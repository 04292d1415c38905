package io.switchboard.billing.pricing;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.ApiError;
import io.switchboard.billing.api.RequestTimes;

/**
 * Internal API of the price catalog, reached through the ingress's admin API ({@code /admin/v1/prices}). A POST
 * adds a version (never edits one) and reloads this replica's pricer before answering; the other replicas follow
 * within the refresh interval. Refusals are 400 (or 404) in OpenAI's error shape.
 */
@Path("/internal/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PricesResource {

    private final PriceCatalog catalog;
    private final CatalogPricer pricer;

    PricesResource(PriceCatalog catalog, CatalogPricer pricer) {
        this.catalog = catalog;
        this.pricer = pricer;
    }

    /** Every version matching the filters, by provider, model and start; {@code at} keeps those in force then. */
    @GET
    public Uni<PriceList> prices(@RestQuery String provider, @RestQuery String model, @RestQuery String at) {
        return catalog.find(blankToNull(provider), blankToNull(model), instant(at)).map(PriceList::new);
    }

    @GET
    @Path("/{version}")
    public Uni<Response> version(@RestPath String version) {
        return catalog.byId(version).map(found -> found
                .map(price -> Response.ok(price).build())
                .orElseGet(() -> Response.status(404)
                        .entity(ApiError.notFound("No price version '" + version + "'.")).build()));
    }

    /** The body is read here, not bound, so that a malformed one is a 400 in our shape like any other refusal. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(String body) {
        NewPrice price = NewPrice.from(PriceJson.read(body));
        return catalog.add(price)
                .call(added -> pricer.reload().onFailure().recoverWithNull()) // committed: the refresh catches up
                .map(added -> Response.status(201).entity(added).build());
    }

    private static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        return RequestTimes.parse(at, "at");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A page of the catalog, in the shape of OpenAI's lists. */
    public record PriceList(String object, List<PriceVersion> data) {

        PriceList(List<PriceVersion> data) {
            this("list", data);
        }
    }
}
