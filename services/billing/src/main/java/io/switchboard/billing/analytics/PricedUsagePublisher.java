package io.switchboard.billing.analytics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.UsagePriceCorrected;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drains the priced-usage outbox to {@code switchboard.usage.priced.v1}. Each round claims the oldest rows
 * ({@code FOR UPDATE SKIP LOCKED}: replicas share the work, never a row) and deletes them in the same statement, reads
 * their entries from the ledger (never updated, so the record is exactly what was booked), sends them, waits for
 * every acknowledgement and only then commits. A failure or crash before the commit leaves the rows, which are sent
 * again with the same CloudEvents id, the entry's id: at least once, deduplicable, and none missing.
 */
@ApplicationScoped
public class PricedUsagePublisher {

    static final String SOURCE = "/switchboard/billing";
    static final int BATCH = 2000;

    private static final String CLAIM = """
            WITH claimed AS (
              DELETE FROM priced_usage_outbox WHERE seq IN (
                SELECT seq FROM priced_usage_outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
              RETURNING seq, tenant_id, event_id
            )
            SELECT c.seq, e.* FROM claimed c
            JOIN ledger_entries e ON e.tenant_id = c.tenant_id AND e.event_id = c.event_id
            ORDER BY c.seq
            """;

    private final Pool pool;
    private final AnalyticsSchema schema;
    // UsagePriced, and UsagePriceCorrected for corrections' entries (PricedCorrections)
    private final MutinyEmitter<Object> topic;
    private final MeterRegistry metrics;

    PricedUsagePublisher(Pool pool, AnalyticsSchema schema,
            @Channel("usage-priced") MutinyEmitter<Object> topic, MeterRegistry metrics) {
        this.pool = pool;
        this.schema = schema;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(every = "${switchboard.billing.analytics.publish-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not before start-up has wired the Kafka channel, nor after shutdown has closed the pool
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> drain() {
        return publishAll().replaceWithVoid();
    }

    /** Publishes batches until the outbox is empty; how many records it published. */
    public Uni<Long> publishAll() {
        return publishPending().chain(sent -> sent < BATCH ? Uni.createFrom().item((long) sent)
                : publishAll().map(more -> more + sent));
    }

    /** Publishes one batch of the oldest queued entries; how many it published. */
    public Uni<Integer> publishPending() {
        return schema.ready().chain(() -> pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Object> records = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        records.add(PricedCorrections.isCorrection(row) ? PricedCorrections.of(row)
                                : PricedEntries.of(row));
                    }
                    return OutboxDrain.sendAll(topic, records, PricedUsagePublisher::message)
                            .invoke(() -> metrics.counter("switchboard.billing.analytics.published", "topic",
                                    Topic.USAGE_PRICED.topicName()).increment(records.size()))
                            .replaceWith(records.size());
                })));
    }

    private static org.eclipse.microprofile.reactive.messaging.Message<Object> message(Object record) {
        if (record instanceof UsagePriceCorrected correction) {
            return CloudEvents.event(EventType.USAGE_PRICE_CORRECTED, SOURCE, correction.entryId(),
                    correction.tenantId(), correction.jobId(), record);
        }
        UsagePriced entry = (UsagePriced) record;
        return CloudEvents.event(EventType.USAGE_PRICED, SOURCE, entry.entryId(), entry.tenantId(), entry.jobId(), record);
    }
}
