package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private CompletableFuture<Boolean> answerAfter(long millis, boolean ok) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        timer.schedule(() -> answer.complete(ok), millis, TimeUnit.MILLISECONDS);
        return answer;
    }

    @Test
    void sendsEveryScheduledRequestAndCountsFailuresApart() throws Exception {
        OpenLoop loop = new OpenLoop(100, Duration.ofSeconds(5));

        Latency run = loop.run(new RateSchedule(200, Duration.ofMillis(500)), i -> answerAfter(1, i % 10 != 0));

        assertEquals(100, run.ok() + run.errors());
        assertEquals(10, run.errors());
    }

    @Test
    void aStallIsChargedToEveryRequestThatWaitedBehindIt() throws Exception {
        // one slot: while the first request hangs 300 ms, the next ones cannot leave on time
        OpenLoop loop = new OpenLoop(1, Duration.ofSeconds(5));

        Latency run = loop.run(new RateSchedule(100, Duration.ofMillis(200)),
                i -> answerAfter(i == 0 ? 300 : 1, true));

        // a closed-loop tool would report ~1 ms for all but one; from the intended time most waited long
        assertTrue(run.p50Ms() > 150, "p50 was " + run.p50Ms());
        assertTrue(run.maxMs() >= 300, "max was " + run.maxMs());
    }

    @Test
    void aCallThatThrowsIsAnErrorNotACrash() throws Exception {
        OpenLoop loop = new OpenLoop(10, Duration.ofSeconds(1));

        Latency run = loop.run(new RateSchedule(100, Duration.ofMillis(100)), i -> {
            throw new IllegalStateException("refused");
        });

        assertEquals(10, run.errors());
    }
}
