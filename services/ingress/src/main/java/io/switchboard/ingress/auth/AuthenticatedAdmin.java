package io.switchboard.ingress.auth;

import jakarta.enterprise.context.RequestScoped;

/** Whether the current request to an {@link AdminReadable} endpoint came with the admin credential, not a tenant key. */
@RequestScoped
public class AuthenticatedAdmin {

    private boolean admin;

    void set() {
        this.admin = true;
    }

    public boolean isAdmin() {
        return admin;
    }
}
