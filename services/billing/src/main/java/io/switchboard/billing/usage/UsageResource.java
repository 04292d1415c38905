package io.switchboard.billing.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/**
 * Internal API, reached only through the ingress (which authenticates the tenant and asks for that
 * tenant alone). A tenant with no usage gets an empty list, not a 404.
 */
@Path("/internal/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageReader reader;

    UsageResource(UsageReader reader) {
        this.reader = reader;
    }

    @GET
    @Path("/{tenantId}")
    public Uni<UsageList> usage(@RestPath String tenantId) {
        return reader.usageOf(tenantId).map(entries -> UsageList.of(tenantId, entries));
    }
}
