package io.switchboard.billing.schema;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Creates a package's tables with its own idempotent DDL, as several replicas may at once. */
public final class Ddl {

    private Ddl() {
    }

    /**
     * Runs the statements one at a time, in order: concurrent CREATE TABLE IF NOT EXISTS of one table can still
     * collide (another replica starting at the same moment), so a failure is retried.
     */
    public static Uni<Void> apply(Pool pool, List<String> statements) {
        return Multi.createFrom().iterable(statements)
                .onItem().transformToUniAndConcatenate(statement -> pool.query(statement).execute())
                .collect().last()
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .replaceWithVoid();
    }

    /**
     * {@code run} once for the process: callers at the same moment wait for the one run in flight, later callers get
     * its outcome at once; after a failure the next caller runs it again. Never a second run beside the first: DDL
     * such as {@code CREATE INDEX IF NOT EXISTS} locks its table even when there is nothing to create, and a second run
     * started from inside a transaction that writes that table would wait for it for ever.
     */
    public static Uni<Void> once(Uni<Void> run) {
        AtomicBoolean failed = new AtomicBoolean();
        return run.onFailure().invoke(() -> failed.set(true)).memoize().until(() -> failed.getAndSet(false));
    }
}
