package io.switchboard.ingress.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.UpstreamErrors;
import io.switchboard.ingress.auth.AuthenticatedTenant;

/** The caller's own token usage per model and hour, as billing counted it. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final BillingClient billing;
    private final AuthenticatedTenant tenant;

    UsageResource(@RestClient BillingClient billing, AuthenticatedTenant tenant) {
        this.billing = billing;
        this.tenant = tenant;
    }

    @GET
    public Uni<JsonNode> usage() {
        return UpstreamErrors.orUnavailable(billing.usageOf(tenant.id()), "billing",
                "the usage of tenant " + tenant.id(), "Usage is temporarily unavailable.");
    }
}
