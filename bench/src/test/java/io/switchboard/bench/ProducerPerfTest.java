package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProducerPerfTest {

    @Test
    void readsTheSummaryLineNotTheProgressLines() {
        List<String> output = List.of(
                "149953 records sent, 29984.6 records/sec (19.30 MB/sec), 912.3 ms avg latency, 1402.0 ms max latency.",
                "300000 records sent, 31250.0 records/sec (20.11 MB/sec), 850.12 ms avg latency, 1500.00 ms max latency, "
                        + "820 ms 50th, 1300 ms 95th, 1450 ms 99th, 1490 ms 99.9th.");

        ProducerPerf.Result result = ProducerPerf.parse(output);

        assertEquals(300_000, result.records());
        assertEquals(31250.0, result.recordsPerSecond());
        assertEquals(820, result.p50Ms());
        assertEquals(1450, result.p99Ms());
        assertEquals(1490, result.p999Ms());
    }

    @Test
    void noSummaryIsAnError() {
        assertThrows(IllegalStateException.class, () -> ProducerPerf.parse(List.of("Exception in thread main")));
    }
}
