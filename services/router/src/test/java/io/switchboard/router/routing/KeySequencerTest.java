package io.switchboard.router.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class KeySequencerTest {

    /** Work that records when it starts and finishes only when the test says so. */
    private static final class Step {
        final String name;
        final List<String> started;
        final CompletableFuture<Void> finish = new CompletableFuture<>();

        Step(String name, List<String> started) {
            this.name = name;
            this.started = started;
        }

        Supplier<Uni<Void>> work() {
            return () -> {
                started.add(name);
                return Uni.createFrom().completionStage(finish);
            };
        }
    }

    private final List<String> started = new CopyOnWriteArrayList<>();

    private Step step(String name) {
        return new Step(name, started);
    }

    @Test
    void workOfOneKeyRunsOneAtATimeInTheOrderItWasSubmitted() {
        KeySequencer sequencer = new KeySequencer(10);
        Step first = step("a1"), second = step("a2"), third = step("a3");
        sequencer.submit("a", first.work());
        sequencer.submit("a", second.work());
        sequencer.submit("a", third.work());
        assertEquals(List.of("a1"), started);

        first.finish.complete(null);
        assertEquals(List.of("a1", "a2"), started);

        second.finish.completeExceptionally(new IllegalStateException("routing failed"));
        assertEquals(List.of("a1", "a2", "a3"), started, "a failure does not stop the key's next piece");

        third.finish.complete(null);
        assertEquals(0, sequencer.held());
    }

    @Test
    void workOfOtherKeysIsNotHeldUpByAKeyWhoseWorkDoesNotFinish() {
        KeySequencer sequencer = new KeySequencer(10);
        Step stuck = step("a1"), behindStuck = step("a2");
        sequencer.submit("a", stuck.work());
        sequencer.submit("a", behindStuck.work());
        sequencer.submit("b", step("b1").work());
        sequencer.submit("job-without-session", step("c1").work());

        assertEquals(List.of("a1", "b1", "c1"), started);
    }

    @Test
    void submitCompletesOnlyWhileThereIsRoomCountingWorkWaitingBehindItsKey() {
        KeySequencer sequencer = new KeySequencer(3);
        Step a1 = step("a1");
        assertTrue(sequencer.submit("a", a1.work()).toCompletableFuture().isDone());
        assertTrue(sequencer.submit("a", step("a2").work()).toCompletableFuture().isDone());
        CompletionStage<Void> third = sequencer.submit("b", step("b1").work());

        assertFalse(third.toCompletableFuture().isDone(), "three held: a1 running, a2 waiting, b1 running");
        a1.finish.complete(null);
        assertTrue(third.toCompletableFuture().isDone(), "a1 done leaves room");
        assertEquals(List.of("a1", "b1", "a2"), started);
    }

    @Test
    void underLoadEachKeyKeepsItsOrderKeysRunSideBySideAndTheBoundHolds() throws Exception {
        int maxHeld = 8;
        KeySequencer sequencer = new KeySequencer(maxHeld);
        ScheduledExecutorService finisher = Executors.newScheduledThreadPool(4);
        Map<String, List<Integer>> submittedByKey = new HashMap<>();
        Map<String, List<Integer>> startedByKey = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int pieces = 2000;
        try {
            for (int n = 0; n < pieces; n++) {
                String key = "session-" + ThreadLocalRandom.current().nextInt(20);
                int number = n;
                submittedByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(number);
                CompletionStage<Void> room = sequencer.submit(key, () -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    startedByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(number);
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    finisher.schedule(() -> {
                        running.decrementAndGet();
                        finished.incrementAndGet();
                        done.complete(null);
                    }, ThreadLocalRandom.current().nextInt(500), TimeUnit.MICROSECONDS);
                    return Uni.createFrom().completionStage(done);
                });
                room.toCompletableFuture().get(10, TimeUnit.SECONDS); // as the consumer does: wait for room
            }
            await().until(() -> finished.get() == pieces && sequencer.held() == 0);
        } finally {
            finisher.shutdownNow();
        }

        assertEquals(submittedByKey, startedByKey, "every key's pieces started in the order submitted");
        assertTrue(mostRunning.get() <= maxHeld, "at most " + maxHeld + " ran at once: " + mostRunning.get());
        assertTrue(mostRunning.get() > 1, "pieces of different keys ran side by side: " + mostRunning.get());
    }
}
