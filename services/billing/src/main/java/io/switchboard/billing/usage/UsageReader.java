package io.switchboard.billing.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.ledger.LedgerSchema;
import io.switchboard.billing.money.Money;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads a tenant's usage from the ledger's hourly rollups, summed per model and hour. */
@ApplicationScoped
public class UsageReader {

    private static final String BY_MODEL_AND_HOUR = """
            SELECT model, hour, sum(requests) AS requests, sum(cache_hits) AS cache_hits,
                   sum(unpriced_requests) AS unpriced_requests,
                   sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens,
                   sum(total_tokens) AS total_tokens, sum(cached_tokens) AS cached_tokens,
                   sum(cache_write_tokens) AS cache_write_tokens, sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
                   sum(reasoning_tokens) AS reasoning_tokens, sum(saved_tokens) AS saved_tokens,
                   sum(input_pusd + cached_input_pusd + cache_write_pusd + output_pusd + reasoning_pusd) AS cost_pusd,
                   sum(saved_by_cache_pusd + saved_by_batch_pusd) AS saved_pusd
            FROM ledger_hourly WHERE tenant_id = $1
            GROUP BY hour, model ORDER BY hour DESC, model
            """;

    private final Pool pool;
    private final LedgerSchema schema;

    UsageReader(Pool pool, LedgerSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** The tenant's usage, latest hour first, then by model. */
    public Uni<List<UsageList.Entry>> usageOf(String tenantId) {
        return schema.ready().chain(() -> pool.preparedQuery(BY_MODEL_AND_HOUR).execute(Tuple.of(tenantId)))
                .map(rows -> {
                    List<UsageList.Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(entry(row));
                    }
                    return entries;
                });
    }

    private static UsageList.Entry entry(Row row) {
        return new UsageList.Entry(row.getString("model"), row.getOffsetDateTime("hour").toInstant().toString(),
                count(row, "prompt_tokens"), count(row, "completion_tokens"), count(row, "total_tokens"),
                count(row, "requests"), count(row, "cache_hits"), count(row, "saved_tokens"),
                count(row, "cached_tokens"), count(row, "cache_write_tokens"), count(row, "cache_write_1h_tokens"),
                count(row, "reasoning_tokens"), count(row, "unpriced_requests"), dollars(row, "cost_pusd"),
                dollars(row, "saved_pusd"));
    }

    private static long count(Row row, String column) {
        return row.getBigDecimal(column).longValueExact();
    }

    /** The exact sum of picodollars, shown by the one display rule ({@link Money#shown(BigDecimal)}). */
    private static BigDecimal dollars(Row row, String column) {
        return Money.shown(row.getBigDecimal(column).movePointLeft(12));
    }
}
