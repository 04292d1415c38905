package io.switchboard.ingress.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdict on one request, with OpenAI's rate-limit headers describing the tighter of the tenant's
 * and the key's limits after it.
 */
public record Admission(boolean admitted, String refusedBy, int limitRequests, int remainingRequests,
        int limitTokens, int remainingTokens, long resetMillis) {

    /** What every rate-limit header's name starts with. */
    public static final String HEADER_PREFIX = "x-ratelimit-";

    /**
     * For answers that did not pass the limits again (a replayed idempotent request): no headers of its
     * own, so {@link RateLimitHeaders} adds the limits' current state. Also that state when no limit applies.
     */
    public static final Admission NONE = new Admission(true, "", -1, -1, -1, -1, 0);

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (limitRequests >= 0) {
            headers.put("x-ratelimit-limit-requests", Integer.toString(limitRequests));
            headers.put("x-ratelimit-remaining-requests", Integer.toString(Math.max(0, remainingRequests)));
            headers.put("x-ratelimit-reset-requests", duration(resetMillis));
        }
        if (limitTokens >= 0) {
            headers.put("x-ratelimit-limit-tokens", Integer.toString(limitTokens));
            headers.put("x-ratelimit-remaining-tokens", Integer.toString(Math.max(0, remainingTokens)));
            headers.put("x-ratelimit-reset-tokens", duration(resetMillis));
        }
        return headers;
    }

    /** Seconds to wait before a retry can succeed, for {@code Retry-After}. */
    public int retryAfterSeconds() {
        return (int) Math.max(1, (resetMillis + 999) / 1000);
    }

    /** OpenAI writes these as durations such as {@code 20ms} or {@code 6s}. */
    private static String duration(long millis) {
        return millis < 1000 ? Math.max(0, millis) + "ms" : ((millis + 999) / 1000) + "s";
    }
}
