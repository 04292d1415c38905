package io.switchboard.ingress.quality;

import jakarta.enterprise.context.RequestScoped;

import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.auth.AuthenticatedAdmin;
import io.switchboard.ingress.auth.AuthenticatedTenant;

/**
 * Whose quality data a request may read: a tenant key its own tenant's only, whatever it asks; the admin credential
 * every tenant's, or the one it names in {@code tenant}.
 */
@RequestScoped
public class QualityScope {

    private final AuthenticatedTenant tenant;
    private final AuthenticatedAdmin admin;

    QualityScope(AuthenticatedTenant tenant, AuthenticatedAdmin admin) {
        this.tenant = tenant;
        this.admin = admin;
    }

    /** The tenant to ask the evaluator about; null (every tenant) only for the admin. */
    public String tenantFilter(String requested) {
        if (admin.isAdmin()) {
            return requested;
        }
        String own = tenant.id();
        if (requested != null && !requested.equals(own)) {
            throw new ApiException(403, "invalid_request_error", "The 'tenant' filter is for operators: an API key "
                    + "reads its own tenant's data only. Leave 'tenant' out.", "tenant", "tenant_not_allowed", null);
        }
        return own;
    }
}
