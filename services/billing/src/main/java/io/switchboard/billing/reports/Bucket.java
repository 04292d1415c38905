package io.switchboard.billing.reports;

import java.time.Instant;

/** One time bucket of a report: from {@code start}, inclusive, to {@code end}, exclusive. */
record Bucket(Instant start, Instant end) {

    /** Whether both bounds fall on whole UTC hours, so that the hourly rollups can answer for it exactly. */
    boolean onWholeHours() {
        return start.getEpochSecond() % 3600 == 0 && end.getEpochSecond() % 3600 == 0;
    }
}
