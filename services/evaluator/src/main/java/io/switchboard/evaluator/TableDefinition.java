package io.switchboard.evaluator;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A table written with plain SQL rather than through Hibernate (batched upserts, increments), created on first
 * use. Its DDL sits next to the statements that use it, in the class that owns the table.
 */
public final class TableDefinition {

    // Two replicas creating the same table at once can collide in the catalogue even with IF NOT EXISTS:
    // creations are serialised on one advisory lock.
    private static final String LOCKED = """
            BEGIN;
            SELECT pg_advisory_xact_lock(hashtext('switchboard.evaluator.schema'));
            %s
            COMMIT;
            """;

    private final String ddl;
    private volatile boolean created;

    public TableDefinition(String ddl) {
        this.ddl = ddl;
    }

    /** Completes once the table exists; after the first success, at once. */
    public Uni<Void> ensureIn(Pool pool) {
        if (created) {
            return Uni.createFrom().voidItem();
        }
        return pool.query(LOCKED.formatted(ddl)).execute().invoke(() -> created = true).replaceWithVoid();
    }
}
