package io.switchboard.ingress.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of an API key. A plain SHA-256 is enough here: keys are long random strings, so
 * there is nothing for a slow password hash to protect against, and lookups stay cheap on every request.
 */
public final class ApiKeyHash {

    private static final String PREFIX = "sha256:";

    private ApiKeyHash() {
    }

    public static String of(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static void main(String[] args) {
        System.out.println(of(args[0]));
    }
}
