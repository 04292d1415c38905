package io.switchboard.billing.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.billing.ledger.BookedTokens;
import io.switchboard.billing.ledger.Fingerprint;
import io.switchboard.billing.ledger.LedgerEntry;
import io.switchboard.billing.ledger.LedgerSchema;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.events.TokensUsed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The analysts' outbox as the ledger's flush writes it: inside the flush's transaction, on real PostgreSQL. */
@QuarkusTest
class AnalyticsOutboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    LedgerSchema ledger;

    @Inject
    AnalyticsConfig config;

    /**
     * The flush queues its entries after it wrote {@code ledger_hourly}. Queueing must run none of the analytics DDL
     * then: {@code CREATE INDEX IF NOT EXISTS ... ON ledger_hourly} takes its lock even when the index exists and would
     * wait for the flush's own transaction for ever (billing once hung at start-up so, when a flush of a backlog raced
     * the start-up DDL). Here the outbox's schema has never run its DDL, and the transaction holds the lock a write of
     * {@code ledger_hourly} takes; it would be killed after 5 s idle, failing the test rather than hanging the class.
     */
    @Test
    void queueingRunsNoDdlInsideTheFlushTransaction() {
        AnalyticsOutbox neverReady = new AnalyticsOutbox(new AnalyticsSchema(pool, ledger), config);
        String tenant = "t-" + UUID.randomUUID();
        TokensUsed usage = HourlyRollupTest.usage(tenant, "gpt-4o-mini", null, 10, 5, Instant.now());
        LedgerEntry entry = new LedgerEntry(TokensUsed.eventIdFor(usage.jobId()), usage, Fingerprint.of(usage),
                BookedTokens.of(usage), PricedUsage.unpriced(), 0, tenant, new RecordHeaders());

        long queued = pool.withConnection(connection -> connection.begin().chain(transaction -> connection
                .query("SET LOCAL idle_in_transaction_session_timeout = '5s'").execute()
                .chain(() -> connection.query("LOCK TABLE ledger_hourly IN ROW EXCLUSIVE MODE").execute())
                .chain(() -> neverReady.booked(connection, List.of(entry)))
                .chain(() -> connection.preparedQuery("SELECT count(*) AS n FROM priced_usage_outbox_batches "
                        + "WHERE $1 = ANY(tenant_ids)").execute(Tuple.of(tenant)))
                .map(rows -> rows.iterator().next().getLong("n"))
                .call(transaction::rollback)))
                .await().atMost(TIMEOUT);
        assertEquals(1, queued, "the entry is queued for the priced-usage topic in the flush's transaction");
    }
}
