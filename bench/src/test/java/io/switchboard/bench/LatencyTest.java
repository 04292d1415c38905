package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram micros = Latency.newHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        Latency latency = Latency.of(100, micros, 0, 10);

        assertEquals(500, latency.p50Ms(), 1);
        assertEquals(990, latency.p99Ms(), 1);
        assertEquals(999, latency.p999Ms(), 1);
        assertEquals(1000, latency.maxMs(), 1);
        assertEquals(100, latency.throughput(), 1e-9);
    }

    @Test
    void throughputCountsSuccessesOnlyAndErrorRateTheRest() {
        Histogram micros = Latency.newHistogram();
        for (int i = 0; i < 90; i++) {
            micros.recordValue(2000);
        }

        Latency latency = Latency.of(10, micros, 10, 10);

        assertEquals(9, latency.throughput(), 1e-9);
        assertEquals(0.1, latency.errorRate(), 1e-9);
    }

    @Test
    void anEmptyRunHasZeroPercentilesNotGarbage() {
        Latency latency = Latency.of(10, Latency.newHistogram(), 5, 1);

        assertEquals(0, latency.p99Ms());
        assertEquals(1.0, latency.errorRate());
    }
}
