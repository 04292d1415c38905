package io.switchboard.ingress.auth;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.ApiExceptionMapper;
import io.switchboard.ingress.files.FileUploadLimit;
import io.switchboard.ingress.tenancy.KeyOwner;
import io.switchboard.ingress.tenancy.TenantDirectory;

/** Guards the public API: a body within limits and a valid {@code Authorization: Bearer} key. */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final TenantDirectory tenants;
    private final AuthenticatedTenant tenant;
    private final AuthenticatedAdmin admin;
    private final AdminCredential adminCredential;
    private final IngressConfig config;
    private final ApiExceptionMapper errors = new ApiExceptionMapper();

    ApiKeyFilter(TenantDirectory tenants, AuthenticatedTenant tenant, AuthenticatedAdmin admin,
            AdminCredential adminCredential, IngressConfig config) {
        this.tenants = tenants;
        this.tenant = tenant;
        this.admin = admin;
        this.adminCredential = adminCredential;
        this.config = config;
    }

    /** Refuses oversized bodies from their declared length, before anything reads them. */
    @ServerRequestFilter(preMatching = true)
    public Response limitBodySize(ContainerRequestContext request) {
        // file uploads have a larger limit of their own, which FileUploadLimit enforces
        if (request.getLength() > config.maxRequestBytes() && !FileUploadLimit.appliesTo(request)) {
            return errors.apiException(new ApiException(413, "invalid_request_error",
                    "Request body too large: the limit is " + config.maxRequestBytes() + " bytes.", null,
                    "request_too_large", null));
        }
        return null;
    }

    /**
     * A tenant's key on every {@code /v1} endpoint; on an {@link AdminReadable} one, the admin credential too, which
     * then reads over every tenant.
     */
    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return null;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return errors.apiException(ApiException.unauthorized(
                    "You didn't provide an API key. You need to provide your API key in an Authorization header "
                            + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."));
        }
        String key = authorization.substring(BEARER.length()).trim();
        // Never echo the key back, not even masked: error bodies end up in client logs.
        Optional<KeyOwner> owner = tenants.ownerOf(key);
        if (owner.isPresent()) {
            tenant.set(owner.get());
            return null;
        }
        if (readableByAdmin(resource) && adminCredential.is(key)) {
            admin.set();
            return null;
        }
        return errors.apiException(ApiException.unauthorized("Incorrect API key provided."));
    }

    /** The admin API answers only to the admin credential, and not at all when none is configured. */
    @ServerRequestFilter
    public Response authenticateAdmin(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin/")) {
            return null;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean valid = authorization != null && authorization.startsWith(BEARER)
                && adminCredential.is(authorization.substring(BEARER.length()).trim());
        return valid ? null : errors.apiException(ApiException.unauthorized("Incorrect admin credential."));
    }

    private static boolean readableByAdmin(ResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null
                && resource.getResourceClass().isAnnotationPresent(AdminReadable.class);
    }
}
