package io.switchboard.evaluator.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void rateOneSamplesEveryJob() {
        Sampler sampler = new Sampler(1.0);
        assertTrue(IntStream.range(0, 1_000).allMatch(i -> sampler.sampled("job_" + i)));
    }

    @Test
    void rateZeroSamplesNoJob() {
        Sampler sampler = new Sampler(0.0);
        assertTrue(IntStream.range(0, 1_000).noneMatch(i -> sampler.sampled("job_" + i)));
    }

    @Test
    void decisionDependsOnlyOnTheJobId() {
        Sampler one = new Sampler(0.5);
        Sampler other = new Sampler(0.5);
        IntStream.range(0, 1_000).forEach(i -> assertEquals(one.sampled("job_" + i), other.sampled("job_" + i)));
    }

    @Test
    void positionIsPinned() {
        // A change of hash would re-sample every job and split decisions across versions: make it visible.
        assertEquals(0.8173256147148502, Sampler.position("job_0"));
        assertEquals(0.7310516050115038, Sampler.position("job_1"));
        assertTrue(new Sampler(0.82).sampled("job_0"));
        assertFalse(new Sampler(0.81).sampled("job_0"));
    }

    @Test
    void rateIsTheShareOfJobsSampled() {
        Sampler sampler = new Sampler(0.25);
        long sampled = IntStream.range(0, 20_000).filter(i -> sampler.sampled("job_" + i)).count();
        double share = sampled / 20_000.0;
        assertTrue(share > 0.235 && share < 0.265, "share was " + share);
    }

    @Test
    void higherRateKeepsEveryJobOfALowerRate() {
        Sampler low = new Sampler(0.1);
        Sampler high = new Sampler(0.3);
        IntStream.range(0, 5_000).filter(i -> low.sampled("job_" + i))
                .forEach(i -> assertTrue(high.sampled("job_" + i)));
    }

    @Test
    void rateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(Double.NaN));
        assertFalse(new Sampler(0.0).sampled("job_0"));
    }
}
