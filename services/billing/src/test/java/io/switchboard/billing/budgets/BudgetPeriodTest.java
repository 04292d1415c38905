package io.switchboard.billing.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Periods start at local midnight in the budget's zone, right across DST, month ends and leap days. */
class BudgetPeriodTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theDayDstStartsIs23HoursLongInNewYork() {
        // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT
        Instant start = BudgetPeriod.DAILY.startOf(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK);
        assertEquals(Instant.parse("2026-03-08T05:00:00Z"), start); // midnight EST
        Instant next = BudgetPeriod.DAILY.nextStart(start, NEW_YORK);
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), next); // midnight EDT
        assertEquals(Duration.ofHours(23), Duration.between(start, next));
    }

    @Test
    void theDayDstEndsIs25HoursLongInNewYork() {
        Instant start = BudgetPeriod.DAILY.startOf(Instant.parse("2026-11-01T23:30:00Z"), NEW_YORK);
        assertEquals(Instant.parse("2026-11-01T04:00:00Z"), start);
        assertEquals(Duration.ofHours(25), Duration.between(start, BudgetPeriod.DAILY.nextStart(start, NEW_YORK)));
        // 04:59Z on the 2nd is still 23:59 EST of the 1st; 05:00Z is the new day
        assertEquals(start, BudgetPeriod.DAILY.startOf(Instant.parse("2026-11-02T04:59:59Z"), NEW_YORK));
        assertEquals(Instant.parse("2026-11-02T05:00:00Z"),
                BudgetPeriod.DAILY.startOf(Instant.parse("2026-11-02T05:00:00Z"), NEW_YORK));
    }

    @Test
    void aMonthStartsAtLocalMidnightOfItsFirstDayNotAtUtcMidnight() {
        // 2026-03-31T23:30 in New York is 2026-04-01T03:30Z: still March there
        assertEquals(Instant.parse("2026-03-01T05:00:00Z"),
                BudgetPeriod.MONTHLY.startOf(Instant.parse("2026-04-01T03:30:00Z"), NEW_YORK));
        assertEquals(Instant.parse("2026-04-01T04:00:00Z"),
                BudgetPeriod.MONTHLY.startOf(Instant.parse("2026-04-01T04:00:00Z"), NEW_YORK));
        // March 2026 in New York spans the DST change: 31 days less one hour
        assertEquals(Duration.ofDays(31).minusHours(1), Duration.between(Instant.parse("2026-03-01T05:00:00Z"),
                BudgetPeriod.MONTHLY.nextStart(Instant.parse("2026-03-01T05:00:00Z"), NEW_YORK)));
        // a leap February ends on the 29th; December rolls into the next year
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertEquals(Instant.parse("2028-02-29T15:00:00Z"),
                BudgetPeriod.MONTHLY.nextStart(BudgetPeriod.MONTHLY.startOf(Instant.parse("2028-02-10T00:00:00Z"), tokyo), tokyo));
        assertEquals(Instant.parse("2026-12-31T15:00:00Z"),
                BudgetPeriod.MONTHLY.startOf(Instant.parse("2026-12-31T15:00:00Z"), tokyo));
        assertEquals(Instant.parse("2026-11-30T15:00:00Z"),
                BudgetPeriod.MONTHLY.startOf(Instant.parse("2026-12-31T14:59:59Z"), tokyo));
    }

    @Test
    void aMidnightThatDstSkipsStartsTheDayAtItsFirstInstant() {
        // Chile (America/Santiago) moved clocks from 24:00 to 01:00 on 2024-09-08: that day has no midnight
        ZoneId santiago = ZoneId.of("America/Santiago");
        Instant start = BudgetPeriod.DAILY.startOf(Instant.parse("2024-09-08T15:00:00Z"), santiago);
        assertEquals(Instant.parse("2024-09-08T04:00:00Z"), start); // 01:00 -03
        assertEquals(Duration.ofHours(23), Duration.between(start, BudgetPeriod.DAILY.nextStart(start, santiago)));
    }

    @Test
    void aLifetimeBudgetHasOnePeriod() {
        assertEquals(BudgetPeriod.LIFETIME_START, BudgetPeriod.LIFETIME.startOf(Instant.parse("2031-05-05T05:05:05Z"),
                NEW_YORK));
        assertEquals(null, BudgetPeriod.LIFETIME.nextStart(BudgetPeriod.LIFETIME_START, NEW_YORK));
    }
}
