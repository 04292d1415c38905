package io.switchboard.ingress.jobs;

import io.switchboard.ingress.api.ApiException;

/**
 * {@code X-Switchboard-Cache: on} lets a request be answered from the response cache, when its route keeps
 * one; {@code off} or no header never does. A cache is opt-in twice over, so a caller never gets a kept
 * answer it did not ask for.
 */
public final class CacheHeader {

    public static final String NAME = "X-Switchboard-Cache";

    private CacheHeader() {
    }

    public static boolean allows(String value) {
        if (value == null || value.equalsIgnoreCase("off")) {
            return false;
        }
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        throw ApiException.invalidRequest("The " + NAME + " header must be 'on' or 'off'.", NAME, "invalid_value");
    }
}
