package io.switchboard.billing.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class DdlOnceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void callersAtTheSameMomentShareOneRunAndLaterCallersItsOutcome() {
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Void> finish = new CompletableFuture<>();
        Uni<Void> ready = Ddl.once(Uni.createFrom().completionStage(() -> {
            runs.incrementAndGet();
            return finish;
        }));

        CompletableFuture<Void> first = ready.subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<Void> second = ready.subscribeAsCompletionStage().toCompletableFuture();
        assertEquals(1, runs.get(), "the second caller waits for the run in flight");
        finish.complete(null);
        first.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        second.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();

        ready.await().atMost(TIMEOUT);
        assertEquals(1, runs.get(), "after a success nothing runs again");
    }

    @Test
    void aFailedRunIsRunAgainByTheNextCaller() {
        AtomicInteger runs = new AtomicInteger();
        Uni<Void> ready = Ddl.once(Uni.createFrom().deferred(() -> runs.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("the database was not up yet"))
                : Uni.createFrom().voidItem()));

        assertThrows(IllegalStateException.class, () -> ready.await().atMost(TIMEOUT));
        ready.await().atMost(TIMEOUT);
        ready.await().atMost(TIMEOUT);
        assertEquals(2, runs.get());
    }
}
