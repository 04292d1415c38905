package io.switchboard.ingress.auth;

import jakarta.enterprise.context.RequestScoped;

/** The tenant whose API key authenticated the current request. */
@RequestScoped
public class AuthenticatedTenant {

    private String id;

    void set(String tenantId) {
        this.id = tenantId;
    }

    public String id() {
        if (id == null) {
            throw new IllegalStateException("no tenant authenticated for this request");
        }
        return id;
    }
}
