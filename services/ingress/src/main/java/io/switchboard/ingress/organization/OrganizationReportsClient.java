package io.switchboard.ingress.organization;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.UpstreamErrors;

/**
 * Billing's internal organization usage and costs reports (the billing client configuration,
 * {@code quarkus.rest-client.billing.*}). The caller's query parameters are passed on as they came, but for the tenant,
 * which is in the path: billing validates them, in one place. The answer is relayed as billing wrote it, JSON or CSV.
 */
@RegisterRestClient(configKey = "billing")
@Path("/internal/organization/{tenantId}")
public interface OrganizationReportsClient {

    @GET
    @Path("/usage/completions")
    Uni<Response> completions(@RestPath String tenantId, @RestQuery MultivaluedMap<String, String> query,
            @HeaderParam("Accept") String accept);

    @GET
    @Path("/costs")
    Uni<Response> costs(@RestPath String tenantId, @RestQuery MultivaluedMap<String, String> query,
            @HeaderParam("Accept") String accept);

    /**
     * Billing's 400 (a parameter it refused) is the caller's mistake: it goes back as billing wrote it. Any other failure
     * is billing's, answered as unavailable by the resource.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        return UpstreamErrors.relayed(response, 400);
    }
}
