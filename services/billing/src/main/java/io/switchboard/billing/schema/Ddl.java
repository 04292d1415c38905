package io.switchboard.billing.schema;

import java.time.Duration;
import java.util.List;

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
}
