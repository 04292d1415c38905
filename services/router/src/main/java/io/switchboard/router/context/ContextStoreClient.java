package io.switchboard.router.context;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/** The context-store's internal API. It answers 409 while an earlier job of the session is in flight. */
@RegisterRestClient(configKey = "context-store")
@Path("/internal/sessions")
public interface ContextStoreClient {

    @POST
    @Path("/{tenantId}/{sessionId}/context")
    Uni<ContextWindow> assemble(@RestPath String tenantId, @RestPath String sessionId, ContextRequest request);
}
