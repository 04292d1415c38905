package io.switchboard.billing.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.switchboard.billing.ledger.LedgerEntry;
import io.switchboard.contracts.Topic;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes booked entries to {@code switchboard.usage.priced.v1}, two ways.
 *
 * <p>A usage flush's entries straight from memory once its transaction committed ({@link #publishBooked}): the
 * records are built from the entries as booked, sent, and once the broker acknowledged all of them the flush's outbox
 * row is deleted. Reading the entries back from the ledger cost PostgreSQL a fifth of its work at full rate.
 *
 * <p>Everything else by draining the outbox ({@link #publishAll}): corrections' entries, and a usage flush's row its
 * flush could not publish (a crash, a broker failure) once {@code direct-publish-grace} has passed. Each round claims
 * the oldest rows ({@code FOR UPDATE SKIP LOCKED}: replicas share the work, never a row) and deletes them in the same
 * statement, reads their entries from the ledger (never updated, so the record is exactly what was booked), sends
 * them, waits for every acknowledgement and only then commits. A failure or crash before the commit leaves the rows,
 * which are sent again with the same CloudEvents id, the entry's id: at least once, deduplicable, and none missing.
 */
@ApplicationScoped
public class PricedUsagePublisher {

    static final String SOURCE = "/switchboard/billing";
    /** Outbox rows claimed at once: each names the entries one flush booked, up to a poll's worth. */
    static final int BATCHES = 4;

    private static final String CLAIM = """
            WITH claimed AS (
              DELETE FROM priced_usage_outbox_batches WHERE seq IN (
                SELECT seq FROM priced_usage_outbox_batches
                WHERE NOT direct OR queued_at < now() - $2 * interval '1 millisecond'
                ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
              RETURNING seq, tenant_ids, event_ids
            ), queued AS (
              SELECT c.seq, q.tenant_id, q.event_id, q.n
              FROM claimed c, unnest(c.tenant_ids, c.event_ids) WITH ORDINALITY AS q(tenant_id, event_id, n)
            )
            SELECT q.seq, %s FROM queued q
            JOIN ledger_entries e ON e.tenant_id = q.tenant_id AND e.event_id = q.event_id
            ORDER BY q.seq, q.n
            """.formatted(PricedEntries.COLUMNS);

    private static final String PUBLISHED = "DELETE FROM priced_usage_outbox_batches WHERE seq = $1";

    private static final Logger LOG = Logger.getLogger(PricedUsagePublisher.class);

    private final Pool pool;
    private final AnalyticsSchema schema;
    private final KafkaClientService kafka;
    private final String topic;
    private final MeterRegistry metrics;
    private final Duration grace;
    /** Per partition, the publish of its last flush: the next flush waits for it, so one at most is in flight. */
    private final Map<TopicPartition, CompletableFuture<Void>> publishing = new ConcurrentHashMap<>();

    PricedUsagePublisher(Pool pool, AnalyticsSchema schema, KafkaClientService kafka,
            @ConfigProperty(name = "mp.messaging.outgoing.usage-priced.topic") String topic, MeterRegistry metrics,
            AnalyticsConfig config) {
        this.pool = pool;
        this.schema = schema;
        this.kafka = kafka;
        this.topic = topic;
        this.metrics = metrics;
        this.grace = config.directPublishGrace();
    }

    /**
     * Publishes a committed flush's entries of {@code partition} and deletes their outbox row once the broker has them
     * all. Returns at once, without waiting for this publish: the partition's next flush books while it runs. The
     * Uni completes when the partition's previous publish has, so that a slow broker slows booking down rather than
     * piling records up in memory. A publish that fails is logged and counted, and leaves its row to the drain.
     */
    public Uni<Void> publishBooked(TopicPartition partition, QueuedEntries queued) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = publishing.put(partition, done);
        OutboxDrain.sendAll(kafka.<String, Object> getProducer("usage-priced"), () -> records(queued))
                .chain(() -> pool.preparedQuery(PUBLISHED).execute(Tuple.of(queued.seq())))
                .subscribe().with(deleted -> {
                    metrics.counter("switchboard.billing.analytics.published", "topic",
                            Topic.USAGE_PRICED.topicName()).increment(queued.entries().size());
                    finish(partition, done);
                }, failure -> {
                    metrics.counter("switchboard.billing.analytics.direct-publish-failures").increment();
                    LOG.warnf("publish of %d priced entries of %s not confirmed; the outbox's drain sends them (again)"
                            + " after the grace: %s", queued.entries().size(), partition, failure.toString());
                    finish(partition, done);
                });
        return previous == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(previous);
    }

    private void finish(TopicPartition partition, CompletableFuture<Void> done) {
        publishing.remove(partition, done);
        done.complete(null);
    }

    private List<ProducerRecord<String, Object>> records(QueuedEntries queued) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(queued.entries().size());
        for (LedgerEntry entry : queued.entries()) {
            records.add(PricedEntries.record(PricedEntries.booked(entry, queued.bookedAt()), topic));
        }
        return records;
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
                .execute(Tuple.of(BATCHES, grace.toMillis()))
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
