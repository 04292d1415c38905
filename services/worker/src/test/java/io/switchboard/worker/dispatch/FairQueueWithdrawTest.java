package io.switchboard.worker.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;

/** Partitions handed over in a rebalance take their waiting jobs out of the queue; other jobs keep their turn. */
class FairQueueWithdrawTest {

    private static final TopicPartition A = new TopicPartition("switchboard.dispatch.test.v1", 0);
    private static final TopicPartition B = new TopicPartition("switchboard.dispatch.test.v1", 1);

    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<Void>> running = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();

    @Test
    void withdrawnJobsNeverStartAndTheOthersStillDo() {
        FairQueue queue = new FairQueue(config(1, 100), new SimpleMeterRegistry());
        for (int i = 0; i < 3; i++) {
            queue.offer(entry("a" + i, "tenant-1", A));
            queue.offer(entry("b" + i, "tenant-" + (i % 2), B));
        }
        assertEquals(List.of("a0"), started, "one call in flight: the first job runs, the rest wait");

        assertEquals(2, queue.withdraw(Set.of(A)), "a1 and a2 were waiting");
        assertEquals(List.of("a1", "a2"), withdrawn, "each withdrawn job is told so, once, and only those");
        finishAll();
        assertEquals(List.of("a0", "b0", "b1", "b2"), started);
        assertFalse(started.contains("a1") || started.contains("a2"));
    }

    @Test
    void withdrawingMakesRoomForAnOfferThatWaitedForIt() {
        FairQueue queue = new FairQueue(config(1, 2), new SimpleMeterRegistry());
        queue.offer(entry("a0", "t", A));
        queue.offer(entry("a1", "t", A));
        queue.offer(entry("a2", "t", A));
        CompletionStage<Void> full = queue.offer(entry("b0", "t", B));
        assertFalse(full.toCompletableFuture().isDone(), "three waiting with room for two: the reader waits");
        queue.withdraw(Set.of(A));
        assertTrue(full.toCompletableFuture().isDone(), "the withdrawn jobs freed the room");
    }

    private FairQueue.Entry entry(String name, String tenant, TopicPartition origin) {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", name)), 8, null, null, null);
        JobDispatched job = new JobDispatched(1, "job_" + name, tenant, null, "test", "sim-small", request,
                Instant.now(), null, Priority.NORMAL, Lane.STANDARD);
        return new FairQueue.Entry(job, origin, () -> {
            started.add(name);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        }, () -> withdrawn.add(name));
    }

    private void finishAll() {
        while (running.stream().anyMatch(done -> !done.isDone())) {
            new ArrayList<>(running).forEach(done -> done.complete(null));
        }
    }

    private static SchedulerConfig config(int maxInFlight, int buffer) {
        return new SchedulerConfig() {
            @Override
            public int maxInFlight() {
                return maxInFlight;
            }

            @Override
            public int buffer() {
                return buffer;
            }

            @Override
            public int maxHeldRetries() {
                return 100;
            }

            @Override
            public Duration handoverWait() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Map<String, Integer> tenantWeights() {
                return Map.of();
            }
        };
    }
}
