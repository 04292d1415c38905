package io.switchboard.ingress.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.serde.EventJson;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code routes} table: the routes defined through the admin API, by alias. */
@ApplicationScoped
class RouteStore {

    /** What a change starts from: the alias's route (null when it has none) and the version the change gets. */
    record Locked(RouteDefinition current, int nextVersion) {
    }

    private static final Logger LOG = Logger.getLogger(RouteStore.class);
    private static final String CREATE_VERSIONS = "CREATE SEQUENCE IF NOT EXISTS route_versions";
    private static final String CLAIM = """
            INSERT INTO routes (alias, version, updated_at) VALUES ($1, 0, now()) ON CONFLICT (alias) DO NOTHING""";
    private static final String LOCK = """
            SELECT definition, nextval('route_versions') AS next_version FROM routes WHERE alias = $1 FOR UPDATE""";
    private static final String WRITE = "UPDATE routes SET version = $2, definition = $3, updated_at = now() WHERE alias = $1";
    private static final String FIND = "SELECT definition FROM routes WHERE alias = $1 AND definition IS NOT NULL";
    private static final String ALL = "SELECT definition FROM routes WHERE definition IS NOT NULL ORDER BY alias";

    private final Pool pool;

    RouteStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Versions come from a sequence, which never hands out a number twice, not even to a change that was
     * rolled back: a version that may have reached the topic without its change being committed is never
     * reused, so the next change of that alias is newer for every router.
     */
    void createVersionSequence(@Observes StartupEvent start) {
        pool.query(CREATE_VERSIONS).execute().replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("sequence route_versions not created (%s); "
                        + "another replica may have created it", failure.toString()))
                .onFailure().recoverWithNull()
                .await().atMost(Duration.ofSeconds(30));
    }

    /**
     * Takes the row lock of the alias for the rest of the transaction (creating its row when it has none)
     * and draws the version of the change.
     */
    Uni<Locked> lock(SqlConnection transaction, String alias) {
        return transaction.preparedQuery(CLAIM).execute(Tuple.of(alias))
                .chain(() -> transaction.preparedQuery(LOCK).execute(Tuple.of(alias)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Locked(read(row.getString("definition")),
                            Math.toIntExact(row.getLong("next_version")));
                });
    }

    /** Writes the alias's route; null deletes it and keeps the row (and its version). */
    Uni<Void> write(SqlConnection transaction, String alias, int version, RouteDefinition route) {
        return transaction.preparedQuery(WRITE).execute(Tuple.of(alias, version, route == null ? null : json(route)))
                .replaceWithVoid();
    }

    Uni<RouteDefinition> find(String alias) {
        return pool.preparedQuery(FIND).execute(Tuple.of(alias))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next().getString("definition")));
    }

    Uni<List<RouteDefinition>> all() {
        return pool.query(ALL).execute().map(RouteStore::readAll);
    }

    private static List<RouteDefinition> readAll(RowSet<Row> rows) {
        List<RouteDefinition> routes = new ArrayList<>();
        rows.forEach(row -> routes.add(read(row.getString("definition"))));
        return routes;
    }

    private static RouteDefinition read(String definition) {
        if (definition == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(definition, RouteDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored route could not be read", e);
        }
    }

    private static String json(RouteDefinition route) {
        try {
            return EventJson.MAPPER.writeValueAsString(route);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
