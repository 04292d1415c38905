package io.switchboard.billing.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.analytics.HourlyColumns;
import io.switchboard.contracts.events.TokensUsed;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * Adds a flush's newly booked usage entries to their hours ({@code ledger_hourly}): summed here, one row per tenant,
 * hour (UTC) and combination, and added to the stored rows by one statement, in key order, so that concurrent flushes
 * cannot deadlock on them. A response-cache hit bills no tokens: they count as saved tokens, and its price is all
 * saved by the cache, as the pricer says.
 *
 * <p>Summing in PostgreSQL, from the insert's {@code RETURNING}, made it copy every booked entry into a tuple store
 * and group them: a tenth of its CPU in the billing bench, for a few hundred rows a flush.
 */
final class HourlyRollup {

    private static final List<String> DIMENSIONS = HourlyColumns.DIMENSIONS;
    private static final List<String> MEASURES = HourlyColumns.MEASURES;
    private static final List<String> MONEY = HourlyColumns.MONEY;
    /** Requests, tokens and saved tokens: ints summed over one poll's entries at most, far from a long's range. */
    private static final List<String> COUNTED = MEASURES.stream().filter(column -> !MONEY.contains(column)).toList();

    static final String ADD = statement();

    private HourlyRollup() {
    }

    static Uni<Void> add(SqlConnection connection, List<LedgerEntry> booked) {
        if (booked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Hour, Sums> sums = new HashMap<>();
        for (LedgerEntry entry : booked) {
            sums.computeIfAbsent(Hour.of(entry), hour -> new Sums()).add(entry);
        }
        return connection.preparedQuery(ADD).execute(arguments(sums)).replaceWithVoid();
    }

    private static Tuple arguments(Map<Hour, Sums> sums) {
        int n = sums.size();
        String[] tenant = new String[n], model = new String[n], provider = new String[n], apiKey = new String[n],
                route = new String[n], variant = new String[n];
        OffsetDateTime[] hour = new OffsetDateTime[n];
        Boolean[] batch = new Boolean[n];
        Long[][] counts = new Long[COUNTED.size()][n];
        Numeric[][] amounts = new Numeric[MONEY.size()][n];
        int i = 0;
        for (Map.Entry<Hour, Sums> row : sums.entrySet()) {
            Hour key = row.getKey();
            tenant[i] = key.tenantId();
            hour[i] = key.hour().atOffset(ZoneOffset.UTC);
            model[i] = key.model();
            provider[i] = key.provider();
            apiKey[i] = key.apiKeyId();
            route[i] = key.route();
            variant[i] = key.variant();
            batch[i] = key.batch();
            for (int c = 0; c < counts.length; c++) {
                counts[c][i] = row.getValue().counts[c];
            }
            for (int m = 0; m < amounts.length; m++) {
                amounts[m][i] = row.getValue().amount(m);
            }
            i++;
        }
        List<Object> arguments = new ArrayList<>(DIMENSIONS.size() + MEASURES.size());
        arguments.addAll(List.of(tenant, hour, model, provider, apiKey, route, variant, batch));
        arguments.addAll(List.of((Object[]) counts));
        arguments.addAll(List.of((Object[]) amounts));
        return Tuple.from(arguments);
    }

    private static String statement() {
        List<String> columns = Stream.of(DIMENSIONS, MEASURES).flatMap(List::stream).toList();
        List<String> types = Stream.of(Stream.of("text", "timestamptz", "text", "text", "text", "text", "text", "bool"),
                COUNTED.stream().map(column -> "int8"), MONEY.stream().map(column -> "numeric"))
                .flatMap(type -> type).toList();
        String arrays = IntStream.range(0, columns.size())
                .mapToObj(i -> "$" + (i + 1) + "::" + types.get(i) + "[]").collect(Collectors.joining(", "));
        String keyOrder = IntStream.rangeClosed(1, DIMENSIONS.size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        String additions = MEASURES.stream().map(column -> column + " = h." + column + " + excluded." + column)
                .collect(Collectors.joining(",\n    "));
        return """
                INSERT INTO ledger_hourly AS h (%1$s)
                SELECT * FROM unnest(%2$s) AS r(%1$s) ORDER BY %3$s
                ON CONFLICT (%4$s) DO UPDATE SET
                    %5$s
                """.formatted(String.join(", ", columns), arrays, keyOrder, String.join(", ", DIMENSIONS),
                additions);
    }

    /**
     * The measures of one row. Amounts are summed exactly whatever their size ({@code ledger_hourly}'s amounts are
     * {@code numeric}): an entry's amount fits a long, but a few absurd ones of one row (billions of tokens, as a
     * faulty worker could report) would not, and a sum that failed would fail the flush again on every retry.
     */
    private static final class Sums {

        private final long[] counts = new long[COUNTED.size()];
        private final long[] amounts = new long[MONEY.size()];
        /** Null until an amount's sum leaves a long's range; then that amount's sum. */
        private BigInteger[] large;

        void add(LedgerEntry entry) {
            boolean cacheHit = entry.usage().servedFromCache();
            EntryLines lines = EntryLines.of(entry.tokens(), entry.price());
            int c = 0;
            counts[c++] += 1;
            counts[c++] += cacheHit ? 1 : 0;
            counts[c++] += entry.price().priceVersion() == null ? 1 : 0;
            for (long tokens : lines.tokens()) {
                counts[c++] += cacheHit ? 0 : tokens;
            }
            counts[c] += cacheHit ? lines.totalTokens() : 0;
            for (int m = 0; m < amounts.length; m++) {
                addAmount(m, lines.money()[m]);
            }
        }

        private void addAmount(int m, long amount) {
            if (large != null && large[m] != null) {
                large[m] = large[m].add(BigInteger.valueOf(amount));
                return;
            }
            try {
                amounts[m] = Math.addExact(amounts[m], amount);
            } catch (ArithmeticException outOfRange) {
                if (large == null) {
                    large = new BigInteger[amounts.length];
                }
                large[m] = BigInteger.valueOf(amounts[m]).add(BigInteger.valueOf(amount));
            }
        }

        Numeric amount(int m) {
            return large != null && large[m] != null ? Numeric.create(new BigDecimal(large[m]))
                    : Numeric.create(amounts[m]);
        }
    }

    /** A row of {@code ledger_hourly}: absent dimensions are {@code ''}, as its key has no nulls. */
    private record Hour(String tenantId, Instant hour, String model, String provider, String apiKeyId, String route,
            String variant, boolean batch) {

        static Hour of(LedgerEntry entry) {
            TokensUsed usage = entry.usage();
            return new Hour(usage.tenantId(), usage.occurredAt().truncatedTo(ChronoUnit.HOURS), usage.model(),
                    usage.provider(), Objects.requireNonNullElse(entry.tokens().apiKeyId(), ""),
                    Objects.requireNonNullElse(usage.route(), ""), Objects.requireNonNullElse(usage.variant(), ""),
                    entry.tokens().batch());
        }
    }
}
