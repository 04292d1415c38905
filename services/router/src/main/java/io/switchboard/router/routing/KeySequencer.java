package io.switchboard.router.routing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs work one at a time and in the order it was submitted for each key, and concurrently across keys.
 * A piece of work starts only once the one submitted before it under the same key has terminated, so
 * a session's turns are routed in the order they arrived while other sessions go on beside them.
 *
 * <p>It holds at most {@code maxHeld} pieces, running or waiting behind their key: {@link #submit}
 * completes once there is room for the next, which is how a Kafka consumer is kept from fetching more.
 * Work is accepted even past the limit (a consumer that has a record in hand must hand it over), so with
 * several submitters each can bring one more before it waits.
 */
public final class KeySequencer {

    private final int maxHeld;
    /** For each key with work running, the work waiting behind it, in order. */
    private final Map<String, Deque<Supplier<Uni<Void>>>> waitingByKey = new HashMap<>();
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int held;

    public KeySequencer(int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be 1 or more, not " + maxHeld);
        }
        this.maxHeld = maxHeld;
    }

    /**
     * Takes the work in: it runs now if nothing of its key is running, else after what came before it.
     * The answer completes when there is room for the next piece; failures of the work are the work's to
     * handle, and do not stop the key's next piece.
     */
    public CompletionStage<Void> submit(String key, Supplier<Uni<Void>> work) {
        boolean runNow;
        CompletableFuture<Void> room;
        synchronized (this) {
            held++;
            Deque<Supplier<Uni<Void>>> behind = waitingByKey.get(key);
            runNow = behind == null;
            if (runNow) {
                waitingByKey.put(key, new ArrayDeque<>());
            } else {
                behind.addLast(work);
            }
            if (held < maxHeld) {
                room = CompletableFuture.completedFuture(null);
            } else {
                room = new CompletableFuture<>();
                waitingForRoom.addLast(room);
            }
        }
        if (runNow) {
            run(key, work);
        }
        return room;
    }

    /** How many pieces are held, running or waiting behind their key. */
    public synchronized int held() {
        return held;
    }

    private void run(String key, Supplier<Uni<Void>> work) {
        Uni<Void> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = Uni.createFrom().failure(e);
        }
        started.onTermination().invoke(() -> finished(key))
                .subscribe().with(done -> {
                }, failure -> {
                });
    }

    private void finished(String key) {
        Supplier<Uni<Void>> next;
        CompletableFuture<Void> freed = null;
        synchronized (this) {
            held--;
            Deque<Supplier<Uni<Void>>> behind = waitingByKey.get(key);
            next = behind.pollFirst();
            if (next == null) {
                waitingByKey.remove(key);
            }
            if (held < maxHeld) {
                freed = waitingForRoom.pollFirst();
            }
        }
        if (freed != null) {
            freed.complete(null);
        }
        if (next != null) {
            run(key, next);
        }
    }
}
