package io.switchboard.ingress.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.ingress.IngressConfig;

/** The operators' credential ({@code switchboard.ingress.admin-key-hash}); none is valid when none is configured. */
@ApplicationScoped
public class AdminCredential {

    private final Optional<byte[]> hash;

    AdminCredential(IngressConfig config) {
        this.hash = config.adminKeyHash()
                .map(configured -> configured.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code key} is the admin credential, compared in constant time. */
    public boolean is(String key) {
        return hash.isPresent() && key != null
                && MessageDigest.isEqual(ApiKeyHash.of(key).getBytes(StandardCharsets.UTF_8), hash.get());
    }
}
