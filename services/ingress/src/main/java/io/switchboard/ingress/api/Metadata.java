package io.switchboard.ingress.api;

import java.util.Map;

/** OpenAI's rules for {@code metadata}: at most 16 pairs, keys up to 64 characters, values up to 512. */
public final class Metadata {

    private static final int MAX_PAIRS = 16;
    private static final int MAX_KEY_LENGTH = 64;
    private static final int MAX_VALUE_LENGTH = 512;

    private Metadata() {
    }

    /** Throws a 400 naming {@code metadata} when the map breaks the rules; null is fine. */
    public static void check(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_PAIRS) {
            throw ApiException.invalidRequest("Invalid 'metadata': at most 16 key-value pairs are allowed.",
                    "metadata", "invalid_value");
        }
        metadata.forEach((key, value) -> {
            if (key.length() > MAX_KEY_LENGTH || (value != null && value.length() > MAX_VALUE_LENGTH)) {
                throw ApiException.invalidRequest("Invalid 'metadata': keys may have up to 64 characters and values "
                        + "up to 512.", "metadata", "invalid_value");
            }
        });
    }
}
