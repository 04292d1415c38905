package io.switchboard.ingress.pricing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.UpstreamErrors;

/**
 * The operators' API for billing's price catalog (the admin credential, like every {@code /admin} path). A POST adds
 * a price version, never edits one; billing validates it and its refusals come back as written.
 */
@Path("/admin/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PricesAdminResource {

    private final PricesClient billing;

    PricesAdminResource(@RestClient PricesClient billing) {
        this.billing = billing;
    }

    @GET
    public Uni<JsonNode> prices(@RestQuery String provider, @RestQuery String model, @RestQuery String at) {
        return orUnavailable(billing.prices(provider, model, at), "the prices");
    }

    @GET
    @Path("/{version}")
    public Uni<JsonNode> version(@RestPath String version) {
        return orUnavailable(billing.version(version), "a price version");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<JsonNode> add(String price) {
        if (price == null || price.isBlank()) {
            throw ApiException.invalidRequest("The body must be a price object: provider, provider_model, prices "
                    + "(input and output at least, US dollars per million tokens) and source.", null,
                    "invalid_value");
        }
        return orUnavailable(billing.add(price), "a new price");
    }

    private static <T> Uni<T> orUnavailable(Uni<T> answer, String what) {
        return UpstreamErrors.orUnavailable(answer, "billing", what,
                "Prices are temporarily unavailable. Please retry.");
    }
}
