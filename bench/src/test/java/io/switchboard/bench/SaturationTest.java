package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SaturationTest {

    private static Latency step(double offered, double delivered, long errors, double p99) {
        return new Latency(offered, (long) delivered * 10, errors, 10, delivered, 1, p99, p99, p99);
    }

    @Test
    void aStepThatDeliversWhatWasOfferedQuicklyIsSustained() {
        assertTrue(Saturation.DEFAULT.sustained(step(100, 99, 0, 20)));
    }

    @Test
    void fallingBehindTheOfferedRateIsSaturation() {
        assertFalse(Saturation.DEFAULT.sustained(step(1000, 800, 0, 20)));
    }

    @Test
    void aGrowingQueueShowsInTheTailBeforeTheThroughput() {
        assertFalse(Saturation.DEFAULT.sustained(step(1000, 990, 0, 2500)));
    }

    @Test
    void errorsAboveOnePercentAreSaturation() {
        assertFalse(Saturation.DEFAULT.sustained(step(100, 98, 50, 20)));
    }

    @Test
    void theLastSustainedStepIsTheOneBeforeTheFirstFailure() {
        List<Latency> ramp = List.of(step(100, 100, 0, 10), step(150, 150, 0, 12), step(225, 180, 0, 900),
                step(338, 338, 0, 10));

        assertEquals(150, Saturation.DEFAULT.lastSustained(ramp).orElseThrow().offeredPerSecond());
    }

    @Test
    void aRampFailingAtOnceHasNoSustainedStep() {
        assertTrue(Saturation.DEFAULT.lastSustained(List.of(step(100, 10, 0, 10))).isEmpty());
    }
}
