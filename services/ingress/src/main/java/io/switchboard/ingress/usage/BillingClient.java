package io.switchboard.ingress.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The billing service's internal API, which is not exposed to tenants directly. */
@RegisterRestClient(configKey = "billing")
@Path("/internal/usage")
public interface BillingClient {

    @GET
    @Path("/{tenantId}")
    Uni<JsonNode> usageOf(@RestPath String tenantId);
}
