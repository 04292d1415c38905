package io.switchboard.worker.provider.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class EqualJitterBackoffTest {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(10);

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfItsDoubledBackoff() {
        EqualJitterBackoff backoff = new EqualJitterBackoff(BASE, CAP, new Random(42));
        for (int retry = 1; retry <= 4; retry++) {
            long full = 500L << (retry - 1);
            for (int draw = 0; draw < 1_000; draw++) {
                long wait = backoff.before(retry).toMillis();
                assertTrue(wait >= full / 2 && wait <= full, "retry " + retry + " waited " + wait + " ms");
            }
        }
    }

    @Test
    void theBackoffStopsGrowingAtItsCap() {
        EqualJitterBackoff backoff = new EqualJitterBackoff(BASE, CAP, new Random(7));
        for (int draw = 0; draw < 1_000; draw++) {
            long wait = backoff.before(30).toMillis();
            assertTrue(wait >= 5_000 && wait <= 10_000, "waited " + wait + " ms");
        }
    }

    @Test
    void theLowestAndHighestDrawsGiveTheBoundsExactly() {
        assertEquals(Duration.ofMillis(1_000), new EqualJitterBackoff(BASE, CAP, fixed(0)).before(3));
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertEquals(Duration.ofMillis(2_000), new EqualJitterBackoff(BASE, CAP, highest).before(3));
    }

    @Test
    void retriesThatFailedTogetherSpreadOut() {
        EqualJitterBackoff backoff = new EqualJitterBackoff(BASE, CAP, new Random(1));
        Set<Duration> waits = new HashSet<>();
        for (int job = 0; job < 100; job++) {
            waits.add(backoff.before(2));
        }
        assertTrue(waits.size() > 50, "100 jobs retrying together got only " + waits.size() + " distinct waits");
    }

    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value;
            }
        };
    }
}
