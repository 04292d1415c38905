package io.switchboard.ingress.organization;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.PageHeaders;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.UpstreamErrors;
import io.switchboard.ingress.auth.AdminReadable;
import io.switchboard.ingress.quality.QualityScope;

/**
 * OpenAI's organization usage and costs API ({@code GET /v1/organization/usage/completions},
 * {@code GET /v1/organization/costs}) over the caller's tenant, so that OpenAI usage tooling works with only the base
 * URL changed. A tenant key reads its own tenant (naming another in {@code tenant} is a 403); the admin credential
 * names the tenant it reads in {@code tenant}. Billing answers: see the billing README for every parameter.
 */
@Path("/v1/organization")
@AdminReadable
public class OrganizationUsageResource {

    private final OrganizationReportsClient billing;
    private final QualityScope scope;

    OrganizationUsageResource(@RestClient OrganizationReportsClient billing, QualityScope scope) {
        this.billing = billing;
        this.scope = scope;
    }

    @GET
    @Path("/usage/completions")
    @Operation(summary = "Completions usage in buckets, in the shape of OpenAI's organization usage API",
            description = "Parameters as OpenAI's (start_time required, end_time, bucket_width 1m/1h/1d, group_by "
                    + "project_id/user_id/api_key_id/model/batch/service_tier, models, api_key_ids, batch, limit, page) "
                    + "plus ours: group_by provider/route/variant, bucket_time_zone (IANA, default UTC), format=csv or "
                    + "Accept: text/csv, and tenant (admin credential only).")
    @APIResponse(responseCode = "200", description = "OpenAI's UsageResponse page, or CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    public Uni<Response> completions(@Context UriInfo uri, @Context HttpHeaders headers,
            @Parameter(description = "Admin credential only: the tenant to read") @RestQuery String tenant) {
        return relay("usage", uri, headers, tenant, billing::completions);
    }

    @GET
    @Path("/costs")
    @Operation(summary = "Costs per day, in the shape of OpenAI's organization costs API",
            description = "Parameters as OpenAI's (start_time required, end_time, bucket_width 1d, group_by "
                    + "project_id/line_item/api_key_id, api_key_ids, limit, page) plus ours: group_by "
                    + "model/provider/route/variant, bucket_time_zone, format=csv or Accept: text/csv, tenant (admin "
                    + "credential only). Each result also shows saved_by_cache and saved_by_batch amounts.")
    @APIResponse(responseCode = "200", description = "OpenAI's UsageResponse page of CostsResult, or CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    public Uni<Response> costs(@Context UriInfo uri, @Context HttpHeaders headers,
            @Parameter(description = "Admin credential only: the tenant to read") @RestQuery String tenant) {
        return relay("costs", uri, headers, tenant, billing::costs);
    }

    private interface Report {
        Uni<Response> ask(String tenantId, MultivaluedMap<String, String> query, String accept);
    }

    private Uni<Response> relay(String what, UriInfo uri, HttpHeaders headers, String tenant, Report report) {
        String tenantId = scope.tenantFilter(tenant);
        if (tenantId == null) {
            throw ApiException.invalidRequest("The admin credential reads one tenant's usage at a time: name it in "
                    + "'tenant'.", "tenant", "missing_required_parameter");
        }
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>(uri.getQueryParameters());
        query.remove("tenant");
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        return UpstreamErrors.orUnavailable(
                report.ask(tenantId, query, accept == null ? MediaType.APPLICATION_JSON : accept)
                        .map(OrganizationUsageResource::relayed),
                "billing", "the " + what + " report of tenant " + tenantId,
                "Usage is temporarily unavailable. Please retry.");
    }

    /** Billing's answer as it wrote it: body, type and the CSV page cursor. */
    private static Response relayed(Response answer) {
        Response.ResponseBuilder response = Response.status(answer.getStatus())
                .type(answer.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : answer.getMediaType())
                .entity(answer.readEntity(String.class));
        String next = answer.getHeaderString(PageHeaders.NEXT_PAGE);
        if (next != null) {
            response.header(PageHeaders.NEXT_PAGE, next);
        }
        return response.build();
    }
}
