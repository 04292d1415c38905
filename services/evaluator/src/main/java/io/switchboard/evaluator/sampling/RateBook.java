package io.switchboard.evaluator.sampling;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.TableDefinition;
import io.switchboard.evaluator.traffic.Hours;
import io.switchboard.evaluator.traffic.TrafficLedger;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The judge sampling rate of each stratum and hour, frozen in PostgreSQL: the first replica to need a rate sizes
 * it on the previous hour's traffic and inserts it, and from then on every replica, restart and replay reads
 * that one, however the traffic counts move afterwards. Rates read are kept in memory.
 */
@ApplicationScoped
public class RateBook {

    private static final TableDefinition TABLE = new TableDefinition("""
            CREATE TABLE IF NOT EXISTS judge_sampling_rates (
                stratum text NOT NULL,
                hour timestamptz NOT NULL,
                rate double precision NOT NULL,
                floor_only_rate double precision NOT NULL,
                previous_hour_results bigint NOT NULL,
                base_rate double precision NOT NULL,
                floor_per_hour double precision NOT NULL,
                frozen_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (stratum, hour));
            """);

    private static final String FIND = """
            SELECT rate, floor_only_rate, previous_hour_results FROM judge_sampling_rates
            WHERE stratum = $1 AND hour = $2
            """;

    private static final String FREEZE = """
            INSERT INTO judge_sampling_rates (stratum, hour, rate, floor_only_rate, previous_hour_results, base_rate,
                                              floor_per_hour)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (stratum, hour) DO NOTHING
            """;

    /** Far more than the strata of a few hours; past it the cache starts afresh (rates are re-read, not re-made). */
    private static final int CACHED_AT_MOST = 100_000;

    private record Key(String stratum, Instant hour) {
    }

    private final Pool pool;
    private final TrafficLedger traffic;
    private final SamplingPolicy policy;
    private final Map<Key, StratumRate> cache = new ConcurrentHashMap<>();

    @Inject
    RateBook(Pool pool, TrafficLedger traffic, SamplingConfig config) {
        this(pool, traffic, SamplingPolicy.of(config));
    }

    RateBook(Pool pool, TrafficLedger traffic, SamplingPolicy policy) {
        this.pool = pool;
        this.traffic = traffic;
        this.policy = policy;
    }

    /** The rates of the stratum for the hour starting at {@code hour}. */
    public Uni<StratumRate> rateOf(String stratum, Instant hour) {
        Key key = new Key(stratum, hour);
        StratumRate cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return TABLE.ensureIn(pool)
                .chain(() -> stored(key))
                .chain(stored -> stored != null ? Uni.createFrom().item(stored) : freeze(key))
                .invoke(rate -> remember(key, rate));
    }

    private Uni<StratumRate> freeze(Key key) {
        return traffic.resultsIn(key.stratum(), Hours.before(key.hour()))
                .map(policy::rateFor)
                .chain(rate -> pool.preparedQuery(FREEZE).execute(Tuple.from(new Object[] { key.stratum(),
                        Hours.utc(key.hour()), rate.rate(), rate.floorOnlyRate(),
                        rate.previousHourResults(), policy.baseRate(), policy.floorPerHour() })))
                // another replica may have frozen it first: the stored rate is the one
                .chain(() -> stored(key));
    }

    private Uni<StratumRate> stored(Key key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(key.stratum(), Hours.utc(key.hour())))
                .map(rows -> rows.size() == 0 ? null : rateOf(rows.iterator().next()));
    }

    private static StratumRate rateOf(Row row) {
        return new StratumRate(row.getDouble("rate"), row.getDouble("floor_only_rate"),
                row.getLong("previous_hour_results"));
    }

    private void remember(Key key, StratumRate rate) {
        if (cache.size() >= CACHED_AT_MOST) {
            cache.clear();
        }
        cache.put(key, rate);
    }
}
