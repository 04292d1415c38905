package io.switchboard.ingress.quality;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;

/**
 * The operators' API for the evaluator's LLM judges (the admin credential, like every {@code /admin} path): their
 * versioned rubrics and calibration runs, kept by the evaluator. Each POST of a rubric adds its criterion's next
 * version, in use from then on; the evaluator validates it and its refusals come back as written.
 */
@Path("/admin/v1/rubrics")
@Produces(MediaType.APPLICATION_JSON)
public class RubricsAdminResource {

    private final EvaluatorClient evaluator;

    RubricsAdminResource(@RestClient EvaluatorClient evaluator) {
        this.evaluator = evaluator;
    }

    @GET
    public Uni<JsonNode> rubrics() {
        return EvaluatorAnswers.orUnavailable(evaluator.rubrics(), "the rubrics", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<JsonNode> addRubric(JsonNode rubric) {
        if (rubric == null || !rubric.isObject()) {
            throw ApiException.invalidRequest("The body must be a rubric object: criterion, template, scale_min, "
                    + "scale_max, pass_mark, judge_model (or kind pairwise with route and variants).", null,
                    "invalid_value");
        }
        return EvaluatorAnswers.orUnavailable(evaluator.addRubric(rubric), "a new rubric", null);
    }

    @DELETE
    @Path("/{criterion}")
    public Uni<JsonNode> retire(@RestPath String criterion) {
        return EvaluatorAnswers.orUnavailable(evaluator.retireRubric(criterion), "a retirement", null);
    }

    @POST
    @Path("/{criterion}/calibrations")
    @ResponseStatus(201)
    public Uni<JsonNode> calibrate(@RestPath String criterion) {
        return EvaluatorAnswers.orUnavailable(evaluator.calibrate(criterion), "a calibration", null);
    }

    @GET
    @Path("/{criterion}/calibrations")
    public Uni<JsonNode> calibrations(@RestPath String criterion) {
        return EvaluatorAnswers.orUnavailable(evaluator.calibrations(criterion), "the calibrations", null);
    }
}
