package io.switchboard.ingress.models;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.tenancy.TenantDirectory;

/** OpenAI's model list: the model aliases the calling tenant has been granted. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private static final String OWNER = "switchboard";

    public record Model(String id, String object, long created, String ownedBy) {
    }

    public record ModelList(String object, List<Model> data) {
    }

    private final List<String> aliases;
    private final TenantDirectory tenants;
    private final AuthenticatedTenant tenant;

    ModelsResource(IngressConfig config, TenantDirectory tenants, AuthenticatedTenant tenant) {
        this.aliases = List.copyOf(config.models());
        this.tenants = tenants;
        this.tenant = tenant;
    }

    @GET
    public ModelList list() {
        return new ModelList("list", aliases.stream().filter(this::granted).map(ModelsResource::model).toList());
    }

    /** A model the tenant was not granted is 404 here, as OpenAI answers for models an account cannot see. */
    @GET
    @Path("/{id}")
    public Model get(@RestPath String id) {
        if (!aliases.contains(id) || !granted(id)) {
            throw ApiException.notFound("The model `" + id + "` does not exist or you do not have access to it.",
                    "model_not_found");
        }
        return model(id);
    }

    private boolean granted(String alias) {
        return tenants.isGranted(tenant.id(), alias);
    }

    private static Model model(String alias) {
        return new Model(alias, "model", 0, OWNER);
    }
}
