package io.switchboard.billing.analytics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.switchboard.contracts.Topic;
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
    /** Outbox rows claimed at once: each names the entries one flush booked, up to a poll's worth. */
    static final int BATCHES = 4;

    private static final String CLAIM = """
            WITH claimed AS (
              DELETE FROM priced_usage_outbox_batches WHERE seq IN (
                SELECT seq FROM priced_usage_outbox_batches ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
              RETURNING seq, tenant_ids, event_ids
            ), queued AS (
              SELECT c.seq, q.tenant_id, q.event_id, q.n
              FROM claimed c, unnest(c.tenant_ids, c.event_ids) WITH ORDINALITY AS q(tenant_id, event_id, n)
            )
            SELECT q.seq, %s FROM queued q
            JOIN ledger_entries e ON e.tenant_id = q.tenant_id AND e.event_id = q.event_id
            ORDER BY q.seq, q.n
            """.formatted(PricedEntries.COLUMNS);

    private final Pool pool;
    private final AnalyticsSchema schema;
    private final KafkaClientService kafka;
    private final String topic;
    private final MeterRegistry metrics;

    PricedUsagePublisher(Pool pool, AnalyticsSchema schema, KafkaClientService kafka,
            @ConfigProperty(name = "mp.messaging.outgoing.usage-priced.topic") String topic, MeterRegistry metrics) {
        this.pool = pool;
        this.schema = schema;
        this.kafka = kafka;
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

    /** Publishes until the outbox is empty; how many records it published. */
    public Uni<Long> publishAll() {
        return publishPending().chain(sent -> sent.batches() < BATCHES ? Uni.createFrom().item((long) sent.records())
                : publishAll().map(more -> more + sent.records()));
    }

    private record Sent(int batches, int records) {
    }

    /** Publishes the entries of the oldest few outbox rows. */
    private Uni<Sent> publishPending() {
        return schema.ready().chain(() -> pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCHES))
                .chain(rows -> {
                    List<ProducerRecord<String, Object>> records = new ArrayList<>(rows.size());
                    Set<Long> batches = new HashSet<>();
                    for (Row row : rows) {
                        batches.add(row.getLong(0));
                        records.add(PricedEntries.record(row, 1, topic));
                    }
                    // UsagePriced, and UsagePriceCorrected for corrections' entries
                    return OutboxDrain.sendAll(kafka.<String, Object> getProducer("usage-priced"), records)
                            .invoke(() -> metrics.counter("switchboard.billing.analytics.published", "topic",
                                    Topic.USAGE_PRICED.topicName()).increment(records.size()))
                            .replaceWith(new Sent(batches.size(), records.size()));
                })));
    }
}
