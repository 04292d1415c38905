package io.switchboard.billing.reports;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.PageHeaders;

/**
 * Internal API, reached only through the ingress, which authenticates the caller and names the tenant: one tenant's
 * usage and costs in the shape of OpenAI's organization usage API, as JSON or, with {@code Accept: text/csv} or
 * {@code format=csv}, as CSV. A CSV page names the next page in the {@value PageHeaders#NEXT_PAGE} header.
 */
@Path("/internal/organization/{tenantId}")
public class OrganizationUsageResource {

    static final String CSV = "text/csv";

    static final List<String> COMPLETIONS_COLUMNS = List.of("input_tokens", "output_tokens", "input_cached_tokens",
            "input_cache_write_tokens", "input_uncached_tokens", "input_audio_tokens", "output_audio_tokens",
            "num_model_requests", "project_id", "user_id", "api_key_id", "model", "batch", "service_tier", "provider",
            "route", "variant", "output_reasoning_tokens", "num_response_cache_hits", "response_cache_saved_tokens");
    static final List<String> COSTS_COLUMNS = List.of("amount_value", "amount_currency", "line_item", "project_id",
            "api_key_id", "model", "provider", "route", "variant", "quantity", "quantity_unit",
            "saved_by_cache_value", "saved_by_cache_currency", "saved_by_batch_value", "saved_by_batch_currency",
            "num_unpriced_requests");

    private final OrganizationReports reports;
    private final Clock clock;

    OrganizationUsageResource(OrganizationReports reports) {
        this.reports = reports;
        this.clock = Clock.systemUTC();
    }

    @GET
    @Path("/usage/completions")
    public Uni<Response> completions(@RestPath String tenantId, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(ReportKind.COMPLETIONS, tenantId, uri, headers, reports::completions, COMPLETIONS_COLUMNS);
    }

    @GET
    @Path("/costs")
    public Uni<Response> costs(@RestPath String tenantId, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(ReportKind.COSTS, tenantId, uri, headers, reports::costs, COSTS_COLUMNS);
    }

    private Uni<Response> answer(ReportKind kind, String tenantId, UriInfo uri, HttpHeaders headers,
            Function<ReportQuery, Uni<ObjectNode>> report, List<String> columns) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        boolean csv = ReportParameters.csvRequested(parameters) || acceptsOnlyCsv(headers);
        ReportQuery query = ReportParameters.read(kind, tenantId, parameters, clock.instant());
        return report.apply(query).map(page -> {
            if (!csv) {
                return Response.ok(page, MediaType.APPLICATION_JSON).build();
            }
            Response.ResponseBuilder response = Response.ok(ReportCsv.of(page, columns), CSV + "; charset=utf-8");
            if (page.hasNonNull("next_page")) {
                response.header(PageHeaders.NEXT_PAGE, page.get("next_page").asText());
            }
            return response.build();
        });
    }

    /** CSV when the caller prefers it to JSON; a browser's or a tool's {@code *}/{@code *} keeps JSON. */
    private static boolean acceptsOnlyCsv(HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(CSV))
                && !accepted.get(0).isWildcardType();
    }
}
