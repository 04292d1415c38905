package io.switchboard.billing.reports;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.ledger.LedgerSchema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums one tenant's ledger per bucket and group, in one parameterized statement. Buckets on whole UTC hours are
 * answered from the hourly rollups; finer ones (1m, or a time zone whose offset is not whole hours) from the
 * ledger entries. Grouping columns come only from {@link Dimension}, values only as parameters.
 */
@ApplicationScoped
class LedgerTotals {

    private final Pool pool;
    private final LedgerSchema schema;

    LedgerTotals(Pool pool, LedgerSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** The page's totals, ordered by bucket then group; groups without usage in a bucket are absent. */
    Uni<List<Totals>> of(ReportQuery query, BucketPage page, Set<Dimension> groupBy) {
        if (page.buckets().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Source source = page.onWholeHours() ? Source.ROLLUPS : Source.ENTRIES;
        List<Dimension> columns = groupBy.stream().filter(Dimension::grouped).toList();
        Statement statement = statement(source, query, page, columns);
        return schema.ready().chain(() -> pool.preparedQuery(statement.sql()).execute(statement.arguments()))
                .map(rows -> {
                    List<Totals> totals = new ArrayList<>();
                    for (Row row : rows) {
                        totals.add(totals(row, columns));
                    }
                    return totals;
                });
    }

    enum Source {
        ROLLUPS("ledger_hourly", "hour"), ENTRIES("ledger_entries", "occurred_at");

        final String table;
        final String time;

        Source(String table, String time) {
            this.table = table;
            this.time = time;
        }

        String sum(Measure measure) {
            return "coalesce(" + (this == ROLLUPS ? measure.overRollups() : measure.overEntries) + ", 0)::numeric";
        }

        /** Rollups store '' for a missing key, route or variant; entries store null. Both read as ''. */
        String group(Dimension dimension) {
            return this == ENTRIES && dimension.blankMeansNone() ? "coalesce(t." + dimension.column + ", '')"
                    : "t." + dimension.column;
        }
    }

    record Statement(String sql, Tuple arguments) {
    }

    /**
     * The page's whole range is also given as constants (first start, last end), so that the planner scans the
     * tenant's rows of that range only, through {@code (tenant_id, occurred_at)} or the rollups' key, instead of every
     * row of the tenant: the per-bucket bounds alone are join conditions, which it does not use as index bounds.
     */
    static Statement statement(Source source, ReportQuery query, BucketPage page, List<Dimension> columns) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(query.tenantId());
        arguments.add(page.buckets().stream().map(b -> OffsetDateTime.ofInstant(b.start(), ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new));
        arguments.add(page.buckets().stream().map(b -> OffsetDateTime.ofInstant(b.end(), ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new));
        StringBuilder filters = new StringBuilder();
        if (!query.models().isEmpty()) {
            arguments.add(query.models().toArray(String[]::new));
            filters.append(" AND t.model = ANY($").append(arguments.size()).append(")");
        }
        if (!query.apiKeyIds().isEmpty()) {
            arguments.add(query.apiKeyIds().toArray(String[]::new));
            filters.append(" AND ").append(source.group(Dimension.API_KEY_ID)).append(" = ANY($")
                    .append(arguments.size()).append(")");
        }
        if (query.batch() != null) {
            arguments.add(query.batch());
            filters.append(" AND t.batch = $").append(arguments.size());
        }
        List<String> groups = new ArrayList<>();
        groups.add("b.idx");
        columns.forEach(dimension -> groups.add(source.group(dimension)));
        String selected = java.util.stream.IntStream.range(0, columns.size())
                .mapToObj(i -> source.group(columns.get(i)) + " AS g" + i).collect(Collectors.joining(", "));
        String sums = java.util.Arrays.stream(Measure.values())
                .map(measure -> source.sum(measure) + " AS " + measure.column).collect(Collectors.joining(", "));
        String sql = """
                SELECT b.idx%s, %s
                FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS b(start_at, end_at, idx)
                JOIN %s t ON t.tenant_id = $1 AND t.%s >= b.start_at AND t.%s < b.end_at
                  AND t.%s >= $2[1] AND t.%s < $3[array_upper($3, 1)]%s
                GROUP BY %s
                ORDER BY %s
                """.formatted(selected.isEmpty() ? "" : ", " + selected, sums, source.table, source.time,
                source.time, source.time, source.time, filters, String.join(", ", groups), String.join(", ", groups));
        return new Statement(sql, Tuple.from(arguments));
    }

    private static Totals totals(Row row, List<Dimension> columns) {
        Map<Dimension, Object> groups = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Dimension dimension = columns.get(i);
            Object value = dimension == Dimension.BATCH ? row.getBoolean("g" + i) : row.getString("g" + i);
            groups.put(dimension, "".equals(value) ? null : value);
        }
        Map<Measure, BigDecimal> sums = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            sums.put(measure, row.getBigDecimal(measure.column));
        }
        return new Totals(row.getLong("idx").intValue() - 1, groups, sums);
    }
}
