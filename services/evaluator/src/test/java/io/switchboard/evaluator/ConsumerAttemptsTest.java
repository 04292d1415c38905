package io.switchboard.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class ConsumerAttemptsTest {

    private final StopSignal stop = new StopSignal();
    private final ConsumerAttempts attempts = new ConsumerAttempts(stop, Duration.ofMillis(1), 3);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aHiccupIsRetriedWhileTheProcessRuns() {
        Uni<String> work = Uni.createFrom().item(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("connection reset");
            }
            return "stored";
        });

        assertEquals("stored", attempts.guard(work).await().atMost(Duration.ofSeconds(5)));
        assertEquals(3, calls.get());
    }

    @Test
    void aLastingFailureWhileTheProcessRunsFailsTheRecordAfterTheRetries() {
        Uni<String> work = failing("constraint violated");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> attempts.guard(work).await().atMost(Duration.ofSeconds(5)));
        assertEquals("constraint violated", failure.getMessage());
        assertEquals(4, calls.get(), "the first try and three retries");
    }

    @Test
    void aFailureOnceStoppingNeitherRetriesNorFailsTheRecord() throws Exception {
        stop.stopNow();
        CompletableFuture<String> outcome = attempts.guard(failing("Pool closed")).subscribeAsCompletionStage();

        assertThrows(TimeoutException.class, () -> outcome.get(300, TimeUnit.MILLISECONDS),
                "the record must be left unacknowledged, neither done nor dead-lettered");
        assertEquals(1, calls.get());
    }

    @Test
    void stoppingDuringTheRetriesEndsThemWithoutFailingTheRecord() throws Exception {
        Uni<String> work = Uni.createFrom().item(() -> {
            if (calls.incrementAndGet() == 2) {
                stop.stopNow(); // the shutdown begins while the work is being retried
            }
            throw new IllegalStateException("Pool closed");
        });
        CompletableFuture<String> outcome = attempts.guard(work).subscribeAsCompletionStage();

        assertThrows(TimeoutException.class, () -> outcome.get(300, TimeUnit.MILLISECONDS));
        assertEquals(2, calls.get());
    }

    @Test
    void workThatMustNotRunTwiceIsHeldWhenStoppingAndFailsOtherwise() throws Exception {
        assertThrows(IllegalStateException.class,
                () -> attempts.heldIfStopping(failing("bad")).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, calls.get(), "never retried");

        stop.stopNow();
        CompletableFuture<String> outcome = attempts.heldIfStopping(failing("Pool closed")).subscribeAsCompletionStage();
        assertThrows(TimeoutException.class, () -> outcome.get(300, TimeUnit.MILLISECONDS));
        assertTrue(stop.stopping());
    }

    private Uni<String> failing(String message) {
        return Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException(message);
        });
    }
}
