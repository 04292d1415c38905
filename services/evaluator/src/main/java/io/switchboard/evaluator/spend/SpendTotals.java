package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the judge spent for one scope (a tenant, or {@link JudgeSpend#OVERALL}) in the hour and the day of a moment. */
public record SpendTotals(String scope, Instant hour, long hourTokens, BigDecimal dayCost) {

    public Instant day() {
        return hour.truncatedTo(ChronoUnit.DAYS);
    }
}
