package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RampTest {

    @Test
    void ratesGrowByTheFactorUpToTheCeiling() {
        Ramp ramp = new Ramp(100, 1.5, 600, Duration.ofSeconds(1));

        assertEquals(List.of(100.0, 150.0, 225.0, 338.0, 506.0), ramp.rates());
    }

    @Test
    void theRampStopsAtTheFirstUnsustainedStep() throws Exception {
        Ramp ramp = new Ramp(100, 2, 10_000, Duration.ofSeconds(1));
        List<Double> offered = new ArrayList<>();

        List<Latency> steps = ramp.run((rate, length) -> {
            offered.add(rate);
            double delivered = Math.min(rate, 300); // a system that tops out at 300/s
            return new Latency(rate, (long) delivered, 0, 1, delivered, 1, 10, 10, 10);
        }, Saturation.DEFAULT, () -> { });

        assertEquals(List.of(100.0, 200.0, 400.0), offered);
        assertEquals(3, steps.size());
    }
}
