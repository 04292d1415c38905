package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.Instant;

/** A cap reached in its window ({@code [windowStart, windowEnd)}): its scope, its limit and what was spent. */
public record ReachedCap(String scope, Cap cap, Instant windowStart, Instant windowEnd, BigDecimal limit,
        BigDecimal spent) {

    public boolean overall() {
        return JudgeSpend.OVERALL.equals(scope);
    }
}
