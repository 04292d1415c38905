package io.switchboard.evaluator.traffic;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Hours as traffic is counted and sampling rates are frozen: UTC, starting on the hour. */
public final class Hours {

    private Hours() {
    }

    public static Instant of(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    public static Instant before(Instant hour) {
        return hour.minus(1, ChronoUnit.HOURS);
    }

    /** The instant as PostgreSQL's client binds a {@code timestamptz}. */
    public static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
