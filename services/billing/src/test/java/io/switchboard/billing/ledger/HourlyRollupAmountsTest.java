package io.switchboard.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.billing.money.Money;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A flush's entries summed into their hour in memory, against PostgreSQL: counts, tokens and cache hits as the
 * ledger defines them, and amounts exact even where one flush's sum of a row leaves a long's range.
 */
@QuarkusTest
class HourlyRollupAmountsTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:10:00Z");

    @Inject
    Pool pool;
    @Inject
    LedgerSchema schema;

    @Test
    void entriesOfOneHourAreOneRowAndAmountsBeyondALongStayExact() {
        String tenant = "rollup-" + UUID.randomUUID();
        long huge = Long.MAX_VALUE / 2 + 1;
        LedgerEntry first = entry(tenant, 100, 40, false, huge);
        LedgerEntry second = entry(tenant, 200, 60, false, huge);
        LedgerEntry cacheHit = entry(tenant, 50, 10, true, 7);
        schema.ready().await().indefinitely();
        pool.withTransaction(connection -> HourlyRollup.add(connection, List.of(first, second, cacheHit)))
                .await().indefinitely();

        Row hour = pool.preparedQuery("""
                SELECT count(*) OVER () AS rows, requests, cache_hits, prompt_tokens, completion_tokens, total_tokens,
                       saved_tokens, input_pusd FROM ledger_hourly WHERE tenant_id = $1""")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next();
        assertEquals(1, hour.getLong("rows"), "one hour, one combination");
        assertEquals(3, hour.getLong("requests"));
        assertEquals(1, hour.getLong("cache_hits"));
        assertEquals(300, hour.getLong("prompt_tokens"), "a cache hit bills no tokens");
        assertEquals(100, hour.getLong("completion_tokens"));
        assertEquals(400, hour.getLong("total_tokens"));
        assertEquals(60, hour.getLong("saved_tokens"), "the cache hit's tokens are saved tokens");
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(huge).multiply(BigInteger.TWO).add(BigInteger.valueOf(7)));
        BigDecimal stored = hour.getBigDecimal("input_pusd");
        assertEquals(0, exact.compareTo(stored), "input: " + stored);
    }

    private static LedgerEntry entry(String tenant, int prompt, int completion, boolean cacheHit, long inputPicoUsd) {
        TokensUsed usage = new TokensUsed(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(), tenant, "gpt-4o-mini",
                "simulator", "sim-small", prompt, completion, prompt + completion, 3, AT, null, null, null, cacheHit);
        PricedUsage price = new PricedUsage("test-v1", new Money(inputPicoUsd), Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO, Money.ZERO);
        return new LedgerEntry(UUID.randomUUID().toString(), usage, Fingerprint.of(usage), BookedTokens.of(usage),
                price, 0, tenant, new RecordHeaders());
    }
}
