package io.switchboard.ingress.files;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.ApiExceptionMapper;
import io.switchboard.ingress.batch.BatchConfig;

/**
 * File uploads have a limit of their own, far above the JSON endpoints' one: refuses, from the declared
 * length and before anything reads it, an upload that cannot fit. {@link FilesResource} then checks the
 * file's exact size.
 */
public class FileUploadLimit {

    /** Room for the multipart boundaries, part headers and the other form fields around the file. */
    static final long MULTIPART_ENVELOPE_BYTES = 64 * 1024;

    private final BatchConfig config;
    private final ApiExceptionMapper errors = new ApiExceptionMapper();

    FileUploadLimit(BatchConfig config) {
        this.config = config;
    }

    /** Whether the request is a file upload, to which this limit applies instead of the general one. */
    public static boolean appliesTo(ContainerRequestContext request) {
        return "POST".equals(request.getMethod()) && "/v1/files".equals(request.getUriInfo().getPath());
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitUploadSize(ContainerRequestContext request) {
        if (appliesTo(request) && request.getLength() > config.maxFileBytes() + MULTIPART_ENVELOPE_BYTES) {
            return errors.apiException(tooLarge(config.maxFileBytes()));
        }
        return null;
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "invalid_request_error",
                "File too large: the limit is " + limit + " bytes.", "file", "file_too_large", null);
    }
}
