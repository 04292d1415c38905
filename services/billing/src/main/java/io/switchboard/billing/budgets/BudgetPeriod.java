package io.switchboard.billing.budgets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How a budget's spend is counted. Days and months start at local midnight in the budget's IANA time zone,
 * computed with {@code java.time} so that a day across a DST change is 23 or 25 hours long (never a fixed
 * offset), and a midnight that a DST gap skips starts at the first instant of that day.
 */
public enum BudgetPeriod {
    DAILY, MONTHLY, LIFETIME;

    /** The start of a lifetime budget's one period. */
    public static final Instant LIFETIME_START = Instant.EPOCH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetPeriod fromWire(String wire) {
        for (BudgetPeriod period : values()) {
            if (period.wire().equals(wire)) {
                return period;
            }
        }
        return null;
    }

    /** The start of the period that {@code at} falls in. */
    public Instant startOf(Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return switch (this) {
            case DAILY -> day.atStartOfDay(zone).toInstant();
            case MONTHLY -> day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
            case LIFETIME -> LIFETIME_START;
        };
    }

    /** The start of the period after the one starting at {@code start}; null for a lifetime budget. */
    public Instant nextStart(Instant start, ZoneId zone) {
        LocalDate day = start.atZone(zone).toLocalDate();
        return switch (this) {
            case DAILY -> day.plusDays(1).atStartOfDay(zone).toInstant();
            case MONTHLY -> day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
            case LIFETIME -> null;
        };
    }
}
