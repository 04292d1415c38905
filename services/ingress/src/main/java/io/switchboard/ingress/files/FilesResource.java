package io.switchboard.ingress.files;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.batch.BatchConfig;
import io.vertx.mutiny.core.Vertx;

/** OpenAI's Files API, for batch input files and the output files batches write. */
@Path("/v1/files")
public class FilesResource {

    /** Only batch input can be uploaded: nothing here reads files of any other purpose. */
    static final String UPLOAD_PURPOSE = "batch";
    private static final List<String> PURPOSES = List.of("batch", "batch_output");
    // OpenAI lists up to 10,000 files per page, all of them by default.
    private static final int MAX_PAGE = 10_000;
    private static final int MAX_FILENAME_LENGTH = 256;
    // The OpenAI SDKs send the bytes without a filename when given no path.
    private static final String DEFAULT_FILENAME = "upload.jsonl";

    private final FileStore files;
    private final AuthenticatedTenant tenant;
    private final BatchConfig config;
    private final Vertx vertx;

    FilesResource(FileStore files, AuthenticatedTenant tenant, BatchConfig config, Vertx vertx) {
        this.files = files;
        this.tenant = tenant;
        this.config = config;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<FileObject> upload(@RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        if (file == null) {
            throw ApiException.invalidRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
        }
        if (purpose == null || purpose.isBlank()) {
            throw ApiException.invalidRequest("Missing required parameter: 'purpose'.", "purpose",
                    "missing_required_parameter");
        }
        if (!UPLOAD_PURPOSE.equals(purpose)) {
            throw ApiException.invalidRequest("Invalid value for 'purpose': '" + purpose + "'. This gateway accepts "
                    + "files for the Batch API only: use 'batch'.", "purpose", "invalid_value");
        }
        if (file.size() > config.maxFileBytes()) {
            throw FileUploadLimit.tooLarge(config.maxFileBytes());
        }
        if (file.size() == 0) {
            throw ApiException.invalidRequest("The file is empty.", "file", "empty_file");
        }
        String filename = file.fileName() == null || file.fileName().isBlank() ? DEFAULT_FILENAME : file.fileName();
        if (filename.length() > MAX_FILENAME_LENGTH) {
            throw ApiException.invalidRequest("Invalid 'file': the filename may have up to " + MAX_FILENAME_LENGTH
                    + " characters.", "file", "invalid_value");
        }
        String tenantId = tenant.id();
        // Read without blocking the event loop; the upload is on disk already, and within the limit.
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .chain(content -> files.create(tenantId, filename, purpose, content.getBytes()));
    }

    /** The caller's files, newest first unless {@code order=asc}; {@code after} is the last id of the previous page. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<FileList> list(@RestQuery String purpose, @RestQuery Integer limit, @RestQuery String order,
            @RestQuery String after) {
        if (purpose != null && !PURPOSES.contains(purpose)) {
            throw ApiException.invalidRequest("Invalid 'purpose': expected one of " + PURPOSES + ".", "purpose",
                    "invalid_value");
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.invalidRequest("Invalid 'order': expected 'asc' or 'desc'.", "order", "invalid_value");
        }
        int size = limit == null ? MAX_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.invalidRequest("Invalid 'limit': expected 1 to " + MAX_PAGE + ".", "limit",
                    "invalid_value");
        }
        return files.page(tenant.id(), purpose, after, size, !"asc".equals(order)).map(page -> FileList.of(page, size));
    }

    /** Another tenant's file answers 404, exactly as a file that does not exist. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<FileObject> get(@RestPath String id) {
        return files.find(id, tenant.id()).onItem().ifNull().failWith(() -> notFound(id));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    public Uni<Response> content(@RestPath String id) {
        return files.content(id, tenant.id())
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(bytes -> Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE).build());
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No such File object: " + id, "file_not_found");
    }
}
