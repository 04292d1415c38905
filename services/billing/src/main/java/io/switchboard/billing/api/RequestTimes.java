package io.switchboard.billing.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The times a request may name: from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z. Narrower than
 * {@link Instant} (a billion years) and than PostgreSQL's {@code timestamptz} (4713 BC to 294276 AD), so that a time
 * the API accepts can always be stored, compared and written back as it came (ISO-8601 without a sign).
 */
public final class RequestTimes {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RequestTimes() {
    }

    public static boolean inRange(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }

    public static boolean inRange(long epochSecond) {
        return epochSecond >= EARLIEST.getEpochSecond() && epochSecond <= LATEST.getEpochSecond();
    }

    /** An ISO-8601 UTC time in range, or a 400 naming {@code param}. */
    public static Instant parse(String text, String param) {
        try {
            Instant at = Instant.parse(text);
            if (inRange(at)) {
                return at;
            }
        } catch (DateTimeParseException notAnInstant) {
            // answered below
        }
        throw InvalidRequest.invalidValue(param, "'" + param + "' must be an ISO-8601 UTC time from " + EARLIEST
                + " to " + LATEST + ", such as 2026-03-08T12:00:00Z.");
    }

    /** Unix seconds in range, or a 400 naming {@code param}. */
    public static Instant ofEpochSecond(String text, String param) {
        try {
            long seconds = Long.parseLong(text);
            if (inRange(seconds)) {
                return Instant.ofEpochSecond(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw InvalidRequest.invalidValue(param, "'" + param + "' must be a time in Unix seconds, such as 1730419200.");
    }
}
