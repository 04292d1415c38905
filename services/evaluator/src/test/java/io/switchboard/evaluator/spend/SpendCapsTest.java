package io.switchboard.evaluator.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpendCapsTest {

    private static final Instant HOUR = Instant.parse("2026-12-05T10:00:00Z");
    private final SpendCaps caps = new SpendCaps(1_000, 5_000, new BigDecimal("2.00"), new BigDecimal("10.00"));

    @Test
    void aTenantBelowItsCapsReachesNone() {
        assertTrue(caps.reached(new SpendTotals("acme", HOUR, 999, new BigDecimal("1.99"))).isEmpty());
    }

    @Test
    void aTenantsTokenCapIsReachedAtItsLimitForTheRestOfTheHour() {
        List<ReachedCap> reached = caps.reached(new SpendTotals("acme", HOUR, 1_000, BigDecimal.ONE));
        assertEquals(1, reached.size());
        assertEquals(Cap.TOKENS_PER_HOUR, reached.getFirst().cap());
        assertEquals(HOUR.plusSeconds(3_600), reached.getFirst().windowEnd());
        assertEquals(new BigDecimal(1_000), reached.getFirst().limit());
    }

    @Test
    void aTenantsCostCapHoldsForTheRestOfTheDay() {
        List<ReachedCap> reached = caps.reached(new SpendTotals("acme", HOUR, 10, new BigDecimal("2.50")));
        assertEquals(Cap.COST_PER_DAY, reached.getFirst().cap());
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), reached.getFirst().windowStart());
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), reached.getFirst().windowEnd());
    }

    @Test
    void theOverallScopeIsMeasuredAgainstTheOverallCaps() {
        assertTrue(caps.reached(new SpendTotals(JudgeSpend.OVERALL, HOUR, 4_999, new BigDecimal("9.99"))).isEmpty());
        assertEquals(2, caps.reached(new SpendTotals(JudgeSpend.OVERALL, HOUR, 5_000, BigDecimal.TEN)).size());
    }

    @Test
    void zeroMeansNoCap() {
        assertTrue(SpendCaps.NONE.none());
        assertTrue(SpendCaps.NONE.reached(new SpendTotals("acme", HOUR, Long.MAX_VALUE, new BigDecimal("1e9")))
                .isEmpty());
    }
}
