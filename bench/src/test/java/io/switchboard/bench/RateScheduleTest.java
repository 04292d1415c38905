package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

    @Test
    void requestsAreEvenlySpacedAtTheRate() {
        RateSchedule schedule = new RateSchedule(200, Duration.ofSeconds(10));

        assertEquals(2000, schedule.count());
        assertEquals(0, schedule.offsetNanos(0));
        assertEquals(5_000_000, schedule.offsetNanos(1));
        assertEquals(9_995_000_000L, schedule.offsetNanos(1999));
    }

    @Test
    void fractionalIntervalsDoNotDriftOverALongRun() {
        RateSchedule schedule = new RateSchedule(3, Duration.ofHours(1));

        assertEquals(10_800, schedule.count());
        // 1/3 s rounded once per request would drift; computed from the start it is exact to a nanosecond
        assertEquals(3_600_000_000_000L, schedule.offsetNanos(10_800));
    }

    @Test
    void aRunShorterThanOneIntervalStillSendsOneRequest() {
        assertEquals(1, new RateSchedule(1, Duration.ofMillis(100)).count());
    }

    @Test
    void zeroRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule(0, Duration.ofSeconds(1)));
    }
}
