package io.switchboard.billing.pricing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.InvalidRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The price catalog in PostgreSQL ({@code price_versions}). History is append-only: a new version closes the open
 * one at its own start and nothing else is ever updated. Every write (and the table's creation) holds one
 * transaction-scoped advisory lock, so two replicas seeding at once, or an admin change racing a seed, happen one
 * after the other; the unique keys are the backstop.
 */
@ApplicationScoped
public class PriceCatalog {

    /** The advisory lock all catalog writes take (an arbitrary constant: "PRICES" in ASCII). */
    private static final long CATALOG_LOCK = 0x505249434553L;

    private static final String SCHEMA = """
            SET LOCAL client_min_messages = warning;
            CREATE TABLE IF NOT EXISTS price_versions (
                id varchar(36) PRIMARY KEY,
                provider varchar(64) NOT NULL,
                provider_model varchar(128) NOT NULL,
                effective_from timestamptz NOT NULL,
                effective_to timestamptz,
                input numeric(18,6) NOT NULL,
                cached_input numeric(18,6),
                cache_write_5m numeric(18,6),
                cache_write_1h numeric(18,6),
                output numeric(18,6) NOT NULL,
                reasoning numeric(18,6),
                long_context_above bigint,
                long_context_input numeric(18,6),
                long_context_cached_input numeric(18,6),
                long_context_cache_write_5m numeric(18,6),
                long_context_cache_write_1h numeric(18,6),
                long_context_output numeric(18,6),
                long_context_reasoning numeric(18,6),
                batch_discount_percent smallint NOT NULL CHECK (batch_discount_percent BETWEEN 0 AND 100),
                source text NOT NULL,
                read_on varchar(32),
                simulated boolean NOT NULL,
                note text,
                origin varchar(8) NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (provider, provider_model, effective_from),
                CHECK (effective_to IS NULL OR effective_to > effective_from)
            );
            CREATE UNIQUE INDEX IF NOT EXISTS price_versions_one_open
                ON price_versions (provider, provider_model) WHERE effective_to IS NULL
            """;

    private static final String COLUMNS = """
            id, provider, provider_model, effective_from, effective_to, input, cached_input, cache_write_5m,
            cache_write_1h, output, reasoning, long_context_above, long_context_input, long_context_cached_input,
            long_context_cache_write_5m, long_context_cache_write_1h, long_context_output, long_context_reasoning,
            batch_discount_percent, source, read_on, simulated, note""";

    private static final String INSERT = "INSERT INTO price_versions (" + COLUMNS + ", origin) VALUES ($1, $2, $3, "
            + "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)";

    private final Pool pool;
    private final Duration lead;
    private final Clock clock;

    @Inject
    PriceCatalog(Pool pool, PricingConfig config) {
        this(pool, config.refreshInterval().multipliedBy(2), Clock.systemUTC());
    }

    PriceCatalog(Pool pool, Duration lead, Clock clock) {
        this.pool = pool;
        this.lead = lead;
        this.clock = clock;
    }

    /** Creates the table if it is not there yet; safe to run from every replica at once. */
    public Uni<Void> ensureSchema() {
        return pool.withTransaction(connection -> lock(connection)
                .flatMap(locked -> connection.query(SCHEMA).execute())
                .replaceWithVoid());
    }

    /**
     * Adds an admin's price version and closes the model's open one at its start. For a model already priced the
     * new version must start after the latest one (history is never rewritten) and at least two refresh intervals
     * from now, so that every replica has loaded it before its first event; without {@code effective_from} it
     * starts exactly then. A model's first version may start at any time (its earlier usage was unpriced).
     */
    public Uni<PriceVersion> add(NewPrice price) {
        return pool.withTransaction(connection -> lock(connection)
                .flatMap(locked -> latestStart(connection, price))
                .flatMap(latest -> {
                    Instant earliest = clock.instant().plus(lead);
                    Instant from = price.effectiveFrom() != null ? price.effectiveFrom()
                            : latest.isPresent() ? earliest.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                                    : clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    if (latest.isPresent() && !from.isAfter(latest.get())) {
                        throw new InvalidRequest("'effective_from' must be after the start of the model's latest "
                                + "version (" + latest.get() + "): a price change never rewrites history.",
                                "effective_from", "invalid_value");
                    }
                    if (latest.isPresent() && from.isBefore(earliest)) {
                        throw new InvalidRequest("'effective_from' must be at least " + lead.toSeconds()
                                + " seconds ahead, so that every billing replica holds the new price before it "
                                + "applies.", "effective_from", "invalid_value");
                    }
                    return append(connection, price, from, "admin");
                }));
    }

    /**
     * Adds a seed file's version unless the model already has one starting at or after it: re-running the seed, or
     * a second replica running it, adds nothing, and a price the admin changed since is never overwritten. A seed
     * entry newer than everything stored (a price change committed to the file) is appended like an admin's.
     * Emits the version added, or nothing.
     */
    public Uni<Optional<PriceVersion>> seed(NewPrice price) {
        if (price.effectiveFrom() == null) {
            throw new InvalidRequest("A seeded price needs 'effective_from'.", "effective_from",
                    "missing_required_parameter");
        }
        return pool.withTransaction(connection -> lock(connection)
                .flatMap(locked -> latestStart(connection, price))
                .flatMap(latest -> latest.isPresent() && !latest.get().isBefore(price.effectiveFrom())
                        ? Uni.createFrom().item(Optional.<PriceVersion>empty())
                        : append(connection, price, price.effectiveFrom(), "seed").map(Optional::of)));
    }

    /** Every version of every model: the snapshot the pricer answers from. */
    public Uni<List<PriceVersion>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM price_versions").execute().map(PriceCatalog::versions);
    }

    /**
     * The versions matching the filters (each may be null), by provider, model and start; with {@code at}, only
     * those in force at that time.
     */
    public Uni<List<PriceVersion>> find(String provider, String providerModel, Instant at) {
        String sql = "SELECT " + COLUMNS + """
                 FROM price_versions
                WHERE ($1::varchar IS NULL OR provider = $1)
                  AND ($2::varchar IS NULL OR provider_model = $2)
                  AND ($3::timestamptz IS NULL OR (effective_from <= $3 AND (effective_to IS NULL OR $3 < effective_to)))
                ORDER BY provider, provider_model, effective_from""";
        return pool.preparedQuery(sql).execute(Tuple.of(provider, providerModel, time(at)))
                .map(PriceCatalog::versions);
    }

    public Uni<Optional<PriceVersion>> byId(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM price_versions WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> versions(rows).stream().findFirst());
    }

    /** A version's id: the same on every replica and in every environment for the same model and start. */
    static String versionId(String provider, String providerModel, Instant effectiveFrom) {
        return UUID.nameUUIDFromBytes(("price-version:" + provider + "\n" + providerModel + "\n" + effectiveFrom)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Uni<RowSet<Row>> lock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(CATALOG_LOCK));
    }

    private static Uni<Optional<Instant>> latestStart(SqlConnection connection, NewPrice price) {
        return connection.preparedQuery("""
                SELECT max(effective_from) AS latest FROM price_versions WHERE provider = $1 AND provider_model = $2""")
                .execute(Tuple.of(price.provider(), price.providerModel()))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("latest"))
                        .map(OffsetDateTime::toInstant));
    }

    private static Uni<PriceVersion> append(SqlConnection connection, NewPrice price, Instant from, String origin) {
        PriceVersion version = new PriceVersion(versionId(price.provider(), price.providerModel(), from),
                price.provider(), price.providerModel(), from, null, price.prices(), price.longContext(),
                price.batchDiscountPercent(), price.source(), price.readOn(), price.simulated(), price.note());
        return connection.preparedQuery("""
                UPDATE price_versions SET effective_to = $3
                 WHERE provider = $1 AND provider_model = $2 AND effective_to IS NULL""")
                .execute(Tuple.of(price.provider(), price.providerModel(), time(from)))
                .flatMap(closed -> connection.preparedQuery(INSERT).execute(row(version, origin)))
                .replaceWith(version);
    }

    private static Tuple row(PriceVersion version, String origin) {
        Rates base = version.prices();
        LongContext tier = version.longContext();
        Rates tierPrices = tier == null ? null : tier.prices();
        List<Object> values = new ArrayList<>(List.of(version.id(), version.provider(), version.providerModel(),
                time(version.effectiveFrom())));
        values.add(null);
        values.addAll(prices(base));
        values.add(tier == null ? null : tier.abovePromptTokens());
        values.addAll(prices(tierPrices));
        values.add((short) version.batchDiscountPercent());
        values.add(version.source());
        values.add(version.readOn());
        values.add(version.simulated());
        values.add(version.note());
        values.add(origin);
        return Tuple.from(values);
    }

    private static List<BigDecimal> prices(Rates rates) {
        List<BigDecimal> six = new ArrayList<>();
        if (rates == null) {
            for (int i = 0; i < 6; i++) {
                six.add(null);
            }
            return six;
        }
        six.add(rates.input());
        six.add(rates.cachedInput());
        six.add(rates.cacheWrite5m());
        six.add(rates.cacheWrite1h());
        six.add(rates.output());
        six.add(rates.reasoning());
        return six;
    }

    private static List<PriceVersion> versions(RowSet<Row> rows) {
        List<PriceVersion> versions = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            versions.add(version(row));
        }
        return versions;
    }

    private static PriceVersion version(Row row) {
        Long above = row.getLong("long_context_above");
        LongContext tier = above == null ? null : new LongContext(above, rates(row, "long_context_"));
        OffsetDateTime to = row.getOffsetDateTime("effective_to");
        return new PriceVersion(row.getString("id"), row.getString("provider"), row.getString("provider_model"),
                row.getOffsetDateTime("effective_from").toInstant(), to == null ? null : to.toInstant(),
                rates(row, ""), tier, row.getInteger("batch_discount_percent"), row.getString("source"),
                row.getString("read_on"), row.getBoolean("simulated"), row.getString("note"));
    }

    private static Rates rates(Row row, String prefix) {
        return new Rates(decimal(row, prefix + "input"), decimal(row, prefix + "cached_input"),
                decimal(row, prefix + "cache_write_5m"), decimal(row, prefix + "cache_write_1h"),
                decimal(row, prefix + "output"), decimal(row, prefix + "reasoning"));
    }

    /** A stored price as the catalog was given it: numeric(18,6)'s padding zeros dropped. */
    private static BigDecimal decimal(Row row, String column) {
        BigDecimal value = row.getBigDecimal(column);
        if (value == null) {
            return null;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
