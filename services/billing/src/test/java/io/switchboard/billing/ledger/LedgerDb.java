package io.switchboard.billing.ledger;

import java.math.BigDecimal;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the ledger's tables straight from PostgreSQL, for assertions. */
final class LedgerDb {

    private final Pool pool;

    LedgerDb(Pool pool) {
        this.pool = pool;
    }

    long entries(String tenant) {
        return single("SELECT count(*) AS n FROM ledger_entries WHERE tenant_id = $1", tenant).getLong("n");
    }

    /** The tenant's rollup totals over every hour and dimension. */
    Map<String, BigDecimal> totals(String tenant) {
        Row row = single("""
                SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
                       coalesce(sum(completion_tokens), 0) AS completion_tokens,
                       coalesce(sum(input_pusd + output_pusd), 0) AS cost_pusd
                FROM ledger_hourly WHERE tenant_id = $1
                """, tenant);
        return Map.of("requests", row.getBigDecimal("requests"), "prompt_tokens", row.getBigDecimal("prompt_tokens"),
                "completion_tokens", row.getBigDecimal("completion_tokens"), "cost_pusd", row.getBigDecimal("cost_pusd"));
    }

    Row offsets(String group, String topic, int partition) {
        return single("SELECT epoch, next_offset FROM ledger_offsets WHERE consumer_group = $1 AND topic = $2 "
                + "AND partition = $3", group, topic, partition);
    }

    void execute(String sql) {
        pool.query(sql).execute().await().indefinitely();
    }

    Row single(String sql, Object... arguments) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}
