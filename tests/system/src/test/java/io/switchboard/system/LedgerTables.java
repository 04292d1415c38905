package io.switchboard.system;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Billing's ledger read straight from its PostgreSQL tables: the APIs show money only rounded to six decimals (the
 * display rule), and no API reads {@code ledger_entries} for money at all, so the exact picodollars are summed here.
 * Read-only; the stack's database, as named by the environment ({@code bin/infra}: user {@code switchboard}, trust).
 */
final class LedgerTables {

    /** The same sums over entries and over hourly rollups; response-cache hits outside the billed token counts. */
    private static final String ENTRIES = """
            SELECT tenant_id, count(*) AS requests, count(*) FILTER (WHERE cache_hit) AS cache_hits,
                   count(*) FILTER (WHERE price_version IS NULL) AS unpriced_requests,
                   coalesce(sum(prompt_tokens) FILTER (WHERE NOT cache_hit), 0) AS prompt_tokens,
                   coalesce(sum(cached_tokens) FILTER (WHERE NOT cache_hit), 0) AS cached_tokens,
                   coalesce(sum(cache_write_tokens) FILTER (WHERE NOT cache_hit), 0) AS cache_write_tokens,
                   coalesce(sum(cache_write_1h_tokens) FILTER (WHERE NOT cache_hit), 0) AS cache_write_1h_tokens,
                   coalesce(sum(completion_tokens) FILTER (WHERE NOT cache_hit), 0) AS completion_tokens,
                   coalesce(sum(reasoning_tokens) FILTER (WHERE NOT cache_hit), 0) AS reasoning_tokens,
                   coalesce(sum(total_tokens) FILTER (WHERE NOT cache_hit), 0) AS total_tokens,
                   coalesce(sum(total_tokens) FILTER (WHERE cache_hit), 0) AS saved_tokens,
                   sum(input_pusd + cached_input_pusd + cache_write_pusd + output_pusd + reasoning_pusd) AS cost_pusd,
                   sum(saved_by_cache_pusd) AS saved_by_cache_pusd, sum(saved_by_batch_pusd) AS saved_by_batch_pusd
            FROM ledger_entries WHERE tenant_id = ANY (?) GROUP BY tenant_id""";

    private static final String ROLLUPS = """
            SELECT tenant_id, sum(requests) AS requests, sum(cache_hits) AS cache_hits,
                   sum(unpriced_requests) AS unpriced_requests, sum(prompt_tokens) AS prompt_tokens,
                   sum(cached_tokens) AS cached_tokens, sum(cache_write_tokens) AS cache_write_tokens,
                   sum(cache_write_1h_tokens) AS cache_write_1h_tokens, sum(completion_tokens) AS completion_tokens,
                   sum(reasoning_tokens) AS reasoning_tokens, sum(total_tokens) AS total_tokens,
                   sum(saved_tokens) AS saved_tokens,
                   sum(input_pusd + cached_input_pusd + cache_write_pusd + output_pusd + reasoning_pusd) AS cost_pusd,
                   sum(saved_by_cache_pusd) AS saved_by_cache_pusd, sum(saved_by_batch_pusd) AS saved_by_batch_pusd
            FROM ledger_hourly WHERE tenant_id = ANY (?) GROUP BY tenant_id""";

    private static final Map<Reconciliation.Measure, String> COLUMNS = columns();

    private final String url;

    private LedgerTables(String url) {
        this.url = url;
    }

    static LedgerTables fromEnvironment() {
        return new LedgerTables("jdbc:postgresql://" + System.getenv("SWITCHBOARD_PG_HOST") + ":"
                + System.getenv("SWITCHBOARD_PG_PORT") + "/billing");
    }

    /** Per tenant, the sums over {@code ledger_entries}: one row per usage event booked. */
    Map<String, Map<Reconciliation.Measure, BigDecimal>> entries(Collection<String> tenants) throws Exception {
        return sums(ENTRIES, tenants);
    }

    /** Per tenant, the sums over {@code ledger_hourly}, the rollups the usage APIs read. */
    Map<String, Map<Reconciliation.Measure, BigDecimal>> rollups(Collection<String> tenants) throws Exception {
        return sums(ROLLUPS, tenants);
    }

    private Map<String, Map<Reconciliation.Measure, BigDecimal>> sums(String sql, Collection<String> tenants)
            throws Exception {
        Map<String, Map<Reconciliation.Measure, BigDecimal>> byTenant = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "switchboard", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", tenants.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<Reconciliation.Measure, BigDecimal> sums = new EnumMap<>(Reconciliation.Measure.class);
                    for (Map.Entry<Reconciliation.Measure, String> column : COLUMNS.entrySet()) {
                        sums.put(column.getKey(), rows.getBigDecimal(column.getValue()));
                    }
                    byTenant.put(rows.getString("tenant_id"), sums);
                }
            }
        }
        return byTenant;
    }

    private static Map<Reconciliation.Measure, String> columns() {
        Map<Reconciliation.Measure, String> columns = new EnumMap<>(Reconciliation.Measure.class);
        columns.put(Reconciliation.Measure.REQUESTS, "requests");
        columns.put(Reconciliation.Measure.CACHE_HITS, "cache_hits");
        columns.put(Reconciliation.Measure.UNPRICED_REQUESTS, "unpriced_requests");
        columns.put(Reconciliation.Measure.PROMPT_TOKENS, "prompt_tokens");
        columns.put(Reconciliation.Measure.CACHED_TOKENS, "cached_tokens");
        columns.put(Reconciliation.Measure.CACHE_WRITE_TOKENS, "cache_write_tokens");
        columns.put(Reconciliation.Measure.CACHE_WRITE_1H_TOKENS, "cache_write_1h_tokens");
        columns.put(Reconciliation.Measure.COMPLETION_TOKENS, "completion_tokens");
        columns.put(Reconciliation.Measure.REASONING_TOKENS, "reasoning_tokens");
        columns.put(Reconciliation.Measure.TOTAL_TOKENS, "total_tokens");
        columns.put(Reconciliation.Measure.SAVED_TOKENS, "saved_tokens");
        columns.put(Reconciliation.Measure.COST_PUSD, "cost_pusd");
        columns.put(Reconciliation.Measure.SAVED_BY_CACHE_PUSD, "saved_by_cache_pusd");
        columns.put(Reconciliation.Measure.SAVED_BY_BATCH_PUSD, "saved_by_batch_pusd");
        return columns;
    }
}
