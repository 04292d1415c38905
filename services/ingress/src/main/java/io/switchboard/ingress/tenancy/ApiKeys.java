package io.switchboard.ingress.tenancy;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes new API keys: 256 random bits, shown to the caller once and stored only as a hash. */
public final class ApiKeys {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int KEY_CHARACTERS = 43; // 62^43 > 2^256
    private static final int PREFIX_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        StringBuilder key = new StringBuilder("sb-");
        for (int i = 0; i < KEY_CHARACTERS; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    public static String newWebhookSecret() {
        return "whsec_" + newKey().substring("sb-".length());
    }

    public static String newKeyId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    /** The start of a key, enough for its owner to recognise it in a list, far too little to guess it. */
    public static String prefixOf(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    /** Keys from the configuration are known only by their hash; their id derives from it. */
    static String idForConfiguredHash(String hash) {
        String hex = hash.trim().substring(hash.indexOf(':') + 1);
        return "key_cfg_" + hex.substring(0, 16);
    }
}
