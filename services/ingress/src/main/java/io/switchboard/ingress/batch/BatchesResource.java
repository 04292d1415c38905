package io.switchboard.ingress.batch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.jobs.JobsResource;

/**
 * OpenAI's Batch API: a JSONL file of chat-completions requests, each run as a job of the pipeline, the
 * results collected into an output file and an error file. Another tenant's batch answers 404, exactly
 * as one that does not exist.
 */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchesResource {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final BatchStore batches;
    private final BatchCreation creation;
    private final BatchCancellation cancellation;
    private final AuthenticatedTenant tenant;

    BatchesResource(BatchStore batches, BatchCreation creation, BatchCancellation cancellation,
            AuthenticatedTenant tenant) {
        this.batches = batches;
        this.creation = creation;
        this.cancellation = cancellation;
        this.tenant = tenant;
    }

    /**
     * Accepts the batch as validating; its file is read and its lines checked in the background. With an
     * {@code Idempotency-Key}, a repeat of the same request within 24 hours is answered with the original
     * batch (and {@code Idempotent-Replayed: true}); the same key with another body is 409.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<BatchObject>> create(CreateBatchRequest request,
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        return creation.create(tenant.owner(), request, idempotencyKey).map(created -> {
            RestResponse.ResponseBuilder<BatchObject> response = RestResponse.ResponseBuilder.ok(created.batch());
            if (created.replayed()) {
                response.header(JobsResource.REPLAYED, "true");
            }
            return response.build();
        });
    }

    /** The caller's batches, newest first; {@code after} is the id of the last batch of the previous page. */
    @GET
    public Uni<BatchList> list(@RestQuery String after, @RestQuery Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.invalidRequest("Invalid 'limit': expected 1 to " + MAX_PAGE + ".", "limit",
                    "invalid_value");
        }
        return batches.page(tenant.id(), after, size).map(page -> BatchList.of(page, size));
    }

    @GET
    @Path("/{id}")
    public Uni<BatchObject> get(@RestPath String id) {
        return batches.find(id, tenant.id()).onItem().ifNull().failWith(() -> notFound(id));
    }

    @POST
    @Path("/{id}/cancel")
    public Uni<BatchObject> cancel(@RestPath String id) {
        return cancellation.cancel(id, tenant.id()).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No batch found with id '" + id + "'.", "batch_not_found");
    }
}
