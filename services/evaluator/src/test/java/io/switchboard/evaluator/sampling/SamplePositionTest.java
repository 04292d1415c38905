package io.switchboard.evaluator.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SamplePositionTest {

    @Test
    void withoutSaltThePositionIsTheUnsaltedSamplersOne() {
        // the same scheme as scores.Sampler, whose positions are pinned in SamplerTest
        assertEquals(0.8173256147148502, SamplePosition.of("", "job_0"));
    }

    @Test
    void theSaltMovesEveryJob() {
        long moved = IntStream.range(0, 1_000)
                .filter(i -> SamplePosition.of("a", "job_" + i) != SamplePosition.of("b", "job_" + i)).count();
        assertEquals(1_000, moved);
        assertNotEquals(SamplePosition.of("salt", "job_0"), SamplePosition.of("", "job_0"));
    }

    @Test
    void positionsFallWithinZeroToOne() {
        assertTrue(IntStream.range(0, 10_000).mapToDouble(i -> SamplePosition.of("s", "job_" + i))
                .allMatch(p -> p >= 0.0 && p < 1.0));
    }
}
