package io.switchboard.billing.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/**
 * OpenAI's bucket widths with their page sizes. Buckets follow the clock of the bucket time zone: a minute or an
 * hour starts where that zone's clock shows a whole minute or hour (Asia/Kolkata's hours start at :30 UTC), a day
 * at the zone's midnight, so a day across a DST change lasts 23 or 25 hours.
 */
enum BucketWidth {
    MINUTE("1m", 60, 1440), HOUR("1h", 24, 168), DAY("1d", 7, 31);

    final String label;
    final int defaultLimit;
    final int maxLimit;

    BucketWidth(String label, int defaultLimit, int maxLimit) {
        this.label = label;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    static Optional<BucketWidth> of(String label) {
        return Arrays.stream(values()).filter(width -> width.label.equals(label)).findFirst();
    }

    /** The start of the bucket holding {@code at}. */
    Instant floor(Instant at, ZoneId zone) {
        return switch (this) {
            case MINUTE -> Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond() + offset(at, zone), 60));
            case HOUR -> Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond() + offset(at, zone), 3600));
            case DAY -> at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    Instant next(Instant start, ZoneId zone) {
        return switch (this) {
            case MINUTE -> start.plusSeconds(60);
            case HOUR -> floor(start.plusSeconds(3600), zone);
            case DAY -> start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        };
    }

    private static int offset(Instant at, ZoneId zone) {
        return zone.getRules().getOffset(at).getTotalSeconds();
    }
}
