package io.switchboard.ingress.models;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;

/** OpenAI's model list: the model aliases callers may ask for. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private static final String OWNER = "switchboard";

    public record Model(String id, String object, long created, String ownedBy) {
    }

    public record ModelList(String object, List<Model> data) {
    }

    private final List<String> aliases;

    ModelsResource(IngressConfig config) {
        this.aliases = List.copyOf(config.models());
    }

    @GET
    public ModelList list() {
        return new ModelList("list", aliases.stream().map(ModelsResource::model).toList());
    }

    @GET
    @Path("/{id}")
    public Model get(@RestPath String id) {
        if (!aliases.contains(id)) {
            throw ApiException.notFound("The model `" + id + "` does not exist or you do not have access to it.",
                    "model_not_found");
        }
        return model(id);
    }

    private static Model model(String alias) {
        return new Model(alias, "model", 0, OWNER);
    }
}
