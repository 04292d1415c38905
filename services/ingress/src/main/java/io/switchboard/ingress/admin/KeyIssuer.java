package io.switchboard.ingress.admin;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.auth.ApiKeyHash;
import io.switchboard.ingress.tenancy.ApiKeys;
import io.switchboard.ingress.tenancy.TenantDirectory;
import io.switchboard.ingress.tenancy.TenantStore;

/** Issues a tenant a new API key: stores its hash, makes it usable at once, returns it this one time. */
@ApplicationScoped
public class KeyIssuer {

    private final TenantStore store;
    private final TenantDirectory directory;

    KeyIssuer(TenantStore store, TenantDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    public Uni<AdminResource.IssuedKey> issue(String tenantId) {
        String key = ApiKeys.newKey();
        String keyId = ApiKeys.newKeyId();
        String prefix = ApiKeys.prefixOf(key);
        return store.addKey(keyId, tenantId, ApiKeyHash.of(key), prefix)
                .chain(directory::refresh)
                .replaceWith(() -> new AdminResource.IssuedKey(keyId, "api_key", tenantId, key, prefix,
                        Instant.now().getEpochSecond()));
    }
}
