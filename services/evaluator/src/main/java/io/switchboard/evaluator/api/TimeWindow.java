package io.switchboard.evaluator.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The stretch of time a query covers: {@code since} (inclusive) to {@code until} (exclusive), ISO-8601 instants.
 * Absent bounds default to the {@code defaultLength} up to now; a window longer than {@code maxLength} is refused,
 * which bounds what one query scans.
 */
public record TimeWindow(Instant since, Instant until) {

    public static TimeWindow of(String since, String until, Duration defaultLength, Duration maxLength, Clock clock) {
        Instant end = until == null ? clock.instant() : parse(until, "until");
        Instant start = since == null ? end.minus(defaultLength) : parse(since, "since");
        if (!start.isBefore(end)) {
            throw new InvalidRequest("Invalid window: 'since' (" + start + ") must be before 'until' (" + end + ").",
                    "since");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw new InvalidRequest("Invalid window: at most " + describe(maxLength) + " from 'since' to 'until' ("
                    + start + " to " + end + " asked).", "since");
        }
        return new TimeWindow(start, end);
    }

    private static Instant parse(String value, String param) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("Invalid '" + param + "': expected an ISO-8601 instant such as "
                    + "2026-12-05T00:00:00Z.", param);
        }
    }

    private static String describe(Duration length) {
        return length.toHours() % 24 == 0 ? length.toDays() + " days" : length.toHours() + " hours";
    }
}
