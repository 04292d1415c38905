package io.switchboard.evaluator.traffic;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.TableDefinition;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Succeeded results per stratum and hour, in PostgreSQL so that every replica (each counting the partitions it
 * consumes) adds to the same total. The judge sampler sizes a stratum's rate for an hour on the hour before.
 */
@ApplicationScoped
public class TrafficLedger implements TrafficSink {

    private static final TableDefinition TABLE = new TableDefinition("""
            CREATE TABLE IF NOT EXISTS stratum_traffic (
                stratum text NOT NULL,
                hour timestamptz NOT NULL,
                results bigint NOT NULL,
                PRIMARY KEY (stratum, hour));
            """);

    private static final String ADD = """
            INSERT INTO stratum_traffic (stratum, hour, results) VALUES ($1, $2, $3)
            ON CONFLICT (stratum, hour) DO UPDATE SET results = stratum_traffic.results + excluded.results
            """;

    private final Pool pool;

    public TrafficLedger(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> add(List<HourlyCount> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = counts.stream()
                .map(count -> Tuple.of(count.stratum().key(), Hours.utc(count.hour()), count.results()))
                .toList();
        return TABLE.ensureIn(pool).chain(() -> pool.preparedQuery(ADD).executeBatch(rows)).replaceWithVoid();
    }

    /** The stratum's succeeded results counted in the hour starting at {@code hour}; 0 when none. */
    public Uni<Long> resultsIn(String stratum, Instant hour) {
        return TABLE.ensureIn(pool)
                .chain(() -> pool.preparedQuery("SELECT results FROM stratum_traffic WHERE stratum = $1 AND hour = $2")
                        .execute(Tuple.of(stratum, Hours.utc(hour))))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("results"));
    }
}
