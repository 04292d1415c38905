package io.switchboard.ingress.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.ingress.IngressConfig;

/** Knows which tenant an API key belongs to, holding only the keys' hashes. */
@ApplicationScoped
public class TenantDirectory {

    private final Map<String, String> tenantByKeyHash = new HashMap<>();

    TenantDirectory(IngressConfig config) {
        config.tenants().forEach((tenantId, tenant) -> tenant.apiKeyHashes()
                .forEach(hash -> tenantByKeyHash.put(hash.trim().toLowerCase(java.util.Locale.ROOT), tenantId)));
    }

    public Optional<String> tenantOf(String apiKey) {
        return Optional.ofNullable(tenantByKeyHash.get(ApiKeyHash.of(apiKey)));
    }
}
