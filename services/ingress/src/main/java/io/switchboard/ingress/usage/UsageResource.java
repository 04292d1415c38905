package io.switchboard.ingress.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;

/** The caller's own token usage per model and hour, as billing counted it. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private static final Logger LOG = Logger.getLogger(UsageResource.class);

    private final BillingClient billing;
    private final AuthenticatedTenant tenant;

    UsageResource(@RestClient BillingClient billing, AuthenticatedTenant tenant) {
        this.billing = billing;
        this.tenant = tenant;
    }

    @GET
    public Uni<JsonNode> usage() {
        return billing.usageOf(tenant.id())
                .onFailure().transform(failure -> {
                    LOG.warnf("billing did not answer the usage of tenant %s: %s", tenant.id(), failure.toString());
                    return ApiException.unavailable("Usage is temporarily unavailable.", 5);
                });
    }
}
