package io.switchboard.evaluator.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplingPolicyTest {

    private final SamplingPolicy policy = new SamplingPolicy(0.05, 30);

    @Test
    void busyStratumGetsTheBaseRate() {
        StratumRate rate = policy.rateFor(10_000);
        assertEquals(0.05, rate.rate());
        assertEquals(0.003, rate.floorOnlyRate(), 1e-12);
    }

    @Test
    void rareStratumIsRaisedToTheFloor() {
        StratumRate rate = policy.rateFor(200);
        assertEquals(0.15, rate.rate(), 1e-12);
        assertEquals(0.15, rate.floorOnlyRate(), 1e-12);
    }

    @Test
    void strataBelowTheFloorAreJudgedFully() {
        assertEquals(1.0, policy.rateFor(12).rate());
        assertEquals(1.0, policy.rateFor(12).floorOnlyRate());
    }

    @Test
    void stratumWithoutHistoryIsJudgedFullyButNotWhileTheBudgetIsExhausted() {
        StratumRate rate = policy.rateFor(0);
        assertEquals(1.0, rate.rate(false));
        assertEquals(0.0, rate.rate(true));
    }

    @Test
    void theRateWithoutHistoryIsConfigurable() {
        StratumRate rate = new SamplingPolicy(0.05, 30, 0.05).rateFor(0);
        assertEquals(0.05, rate.rate(false));
        assertEquals(0.0, rate.rate(true));
    }

    @Test
    void floorOnlyNeverExceedsTheNormalRate() {
        for (long traffic = 1; traffic < 100_000; traffic = traffic * 3 + 1) {
            StratumRate rate = policy.rateFor(traffic);
            assertEquals(true, rate.floorOnlyRate() <= rate.rate(), "traffic " + traffic);
        }
    }

    @Test
    void ratesOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingPolicy(1.5, 30));
        assertThrows(IllegalArgumentException.class, () -> new SamplingPolicy(0.05, -1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingPolicy(0.05, 30, 2));
    }
}
