package io.switchboard.billing.reports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.api.RequestTimes;

/**
 * The {@code next_page} cursor: the start of the next page's first bucket, bound to the query that gave it out. Pages
 * are cut on bucket boundaries, which do not move as usage is booked, so following cursors never repeats or skips a
 * bucket.
 */
final class PageCursor {

    private static final String PREFIX = "page_";

    private PageCursor() {
    }

    static String encode(Instant next, String fingerprint) {
        String raw = next.getEpochSecond() + "." + fingerprint;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The bucket start the cursor names, if it was given out for the query with this fingerprint. */
    static Instant decode(String cursor, String fingerprint) {
        try {
            if (!cursor.startsWith(PREFIX)) {
                throw refused();
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            int dot = raw.indexOf('.');
            if (dot < 1 || !raw.substring(dot + 1).equals(fingerprint)) {
                throw refused();
            }
            long next = Long.parseLong(raw.substring(0, dot));
            if (!RequestTimes.inRange(next)) { // a cursor we gave out names a bucket of the query's range
                throw refused();
            }
            return Instant.ofEpochSecond(next);
        } catch (IllegalArgumentException unreadable) { // bad base64 or number
            throw refused();
        }
    }

    private static InvalidRequest refused() {
        return new InvalidRequest("Invalid 'page': it is not a cursor this API gave out for this query (the same "
                + "start_time, end_time, bucket_width, bucket_time_zone, group_by and filters).", "page",
                "invalid_cursor");
    }
}
