package io.switchboard.ingress.quality;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.UpstreamErrors;

/**
 * The evaluator's internal quality API, which is not exposed to tenants directly, and its judges' rubrics, which the
 * admin API manages. {@code tenant} null asks over every
 * tenant: only {@link QualityScope} decides what is sent, and it sends null for the admin alone. Null parameters are
 * left out of the request.
 */
@RegisterRestClient(configKey = "evaluator")
@Path("/internal")
public interface EvaluatorClient {

    @GET
    @Path("/evaluations")
    Uni<JsonNode> evaluations(@RestQuery String tenant, @RestQuery String route, @RestQuery String model,
            @RestQuery String variant, @RestQuery String check, @RestQuery String since, @RestQuery String until,
            @RestQuery String limit, @RestQuery String cursor);

    @GET
    @Path("/evaluations/summary")
    Uni<JsonNode> summary(@RestQuery String tenant, @RestQuery String route, @RestQuery String model,
            @RestQuery String variant, @RestQuery String check, @RestQuery String since, @RestQuery String until);

    @GET
    @Path("/quality/alerts")
    Uni<JsonNode> alerts(@RestQuery String tenant, @RestQuery String kind, @RestQuery String state,
            @RestQuery String route, @RestQuery String model, @RestQuery String variant, @RestQuery String metric,
            @RestQuery String since, @RestQuery String until, @RestQuery String limit, @RestQuery String cursor);

    @GET
    @Path("/routes/{route}/comparison")
    Uni<JsonNode> comparison(@RestPath String route, @RestQuery String tenant, @RestQuery String model,
            @RestQuery String check, @RestQuery String since, @RestQuery String until);

    @GET
    @Path("/rubrics")
    Uni<JsonNode> rubrics();

    @POST
    @Path("/rubrics")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> addRubric(JsonNode rubric);

    @DELETE
    @Path("/rubrics/{criterion}")
    Uni<JsonNode> retireRubric(@RestPath String criterion);

    @POST
    @Path("/rubrics/{criterion}/calibrations")
    Uni<JsonNode> calibrate(@RestPath String criterion);

    @GET
    @Path("/rubrics/{criterion}/calibrations")
    Uni<JsonNode> calibrations(@RestPath String criterion);

    /**
     * The evaluator's 400 (a bad filter, window, cursor or rubric) and 404 (no such rubric) are the caller's
     * mistakes: they go back as they were written, OpenAI's error body and all. Any other failure is the evaluator's,
     * answered as unavailable by the resources.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        return UpstreamErrors.relayed(response, 400, 404);
    }
}
