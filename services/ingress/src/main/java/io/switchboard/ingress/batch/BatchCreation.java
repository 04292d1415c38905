package io.switchboard.ingress.batch;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.files.FileStore;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * Creates a batch from an uploaded file. With an {@code Idempotency-Key}, a repeat of the same request
 * within 24 hours finds the batch the first one created instead of starting a second; a creation that
 * fails frees the key, so that the caller's corrected retry goes through.
 */
@ApplicationScoped
class BatchCreation {

    private static final String ENDPOINT = "batches";

    /** The batch, and whether it was created by an earlier request with the same key. */
    record Created(BatchObject batch, boolean replayed) {
    }

    private final BatchStore batches;
    private final FileStore files;
    private final IdempotencyKeys idempotency;

    BatchCreation(BatchStore batches, FileStore files, IdempotencyKeys idempotency) {
        this.batches = batches;
        this.files = files;
        this.idempotency = idempotency;
    }

    /** {@code idempotencyKey} may be null. */
    Uni<Created> create(KeyOwner owner, CreateBatchRequest request, String idempotencyKey) {
        CreateBatchValidation.check(request);
        String tenantId = owner.tenantId();
        if (idempotencyKey == null) {
            return create(BatchStore.newId(), owner, request).map(batch -> new Created(batch, false));
        }
        // the claim's id is the batch's: IdempotencyKeys names it a job id, as jobs were its first use
        return idempotency.claim(tenantId, ENDPOINT, idempotencyKey, request, BatchStore.newId())
                .chain(claim -> switch (claim) {
                    case IdempotencyKeys.Claim.First first -> create(first.jobId(), owner, request)
                            .onFailure().call(() -> idempotency.release(tenantId, ENDPOINT, idempotencyKey))
                            .map(batch -> new Created(batch, false));
                    case IdempotencyKeys.Claim.Repeat repeat -> batches.find(repeat.jobId(), tenantId)
                            .onItem().ifNull().failWith(BatchCreation::stillBeingCreated)
                            .map(batch -> new Created(batch, true));
                });
    }

    private Uni<BatchObject> create(String id, KeyOwner owner, CreateBatchRequest request) {
        return files.find(request.inputFileId(), owner.tenantId())
                .onItem().ifNull().failWith(() -> new ApiException(404, "invalid_request_error",
                        "No such File object: " + request.inputFileId(), "input_file_id", "file_not_found", null))
                .chain(file -> {
                    if (!"batch".equals(file.purpose())) {
                        throw ApiException.invalidRequest("The input file must have been uploaded with purpose 'batch'.",
                                "input_file_id", "invalid_value");
                    }
                    return batches.create(id, owner, request.endpoint(), request.inputFileId(), request.metadata());
                });
    }

    /** The first request with the key has claimed it but not stored its batch yet (or is failing now). */
    private static ApiException stillBeingCreated() {
        return new ApiException(409, "invalid_request_error", "A request with this Idempotency-Key is still being "
                + "processed. Please retry shortly.", null, "idempotency_key_in_use", null);
    }
}
