package io.switchboard.ingress.auth;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.switchboard.ingress.tenancy.KeyOwner;

/** The tenant, and the key, that authenticated the current request. */
@RequestScoped
public class AuthenticatedTenant {

    private KeyOwner owner;

    void set(KeyOwner owner) {
        this.owner = owner;
    }

    public String id() {
        return owner().tenantId();
    }

    public String keyId() {
        return owner().keyId();
    }

    /** Empty for requests outside the tenants' API, and for those refused before a key was checked. */
    public Optional<KeyOwner> current() {
        return Optional.ofNullable(owner);
    }

    public KeyOwner owner() {
        if (owner == null) {
            throw new IllegalStateException("no tenant authenticated for this request");
        }
        return owner;
    }
}
