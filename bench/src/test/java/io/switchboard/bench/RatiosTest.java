package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void ratioIsValueOverReference() {
        assertEquals(0.5, Ratios.of(1000, 2000), 1e-12);
    }

    @Test
    void aReferenceThatMeasuredNothingGivesNoRatio() {
        assertTrue(Double.isNaN(Ratios.of(1000, 0)));
    }

    @Test
    void addedLatencyIsTheDifferenceAtEachPercentile() {
        Latency through = new Latency(50, 1000, 0, 20, 50, 12, 40, 90, 120);
        Latency direct = new Latency(50, 1000, 0, 20, 50, 2, 5, 10, 15);

        Latency added = Ratios.added(through, direct);

        assertEquals(10, added.p50Ms(), 1e-12);
        assertEquals(35, added.p99Ms(), 1e-12);
        assertEquals(80, added.p999Ms(), 1e-12);
        assertEquals(50, added.throughput(), 1e-12);
    }
}
