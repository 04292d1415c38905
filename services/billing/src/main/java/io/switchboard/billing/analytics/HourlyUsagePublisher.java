package io.switchboard.billing.analytics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.UsageHourly;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drains the hourly outbox (rollups of closed hours, adjustments of late usage) to {@code switchboard.usage.hourly.v1},
 * oldest first, as {@code BudgetAlertPublisher} drains alerts: claim {@code FOR UPDATE SKIP LOCKED}, send, await the
 * acknowledgements, mark published in the same transaction. The rows stay, published, as the record of what analysts
 * were told. A record sent again keeps its CloudEvents id, its {@code record_id}.
 */
@ApplicationScoped
public class HourlyUsagePublisher {

    static final int BATCH = 1000;

    private static final String CLAIM = """
            SELECT * FROM hourly_usage_outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
            """;

    private final Pool pool;
    private final AnalyticsSchema schema;
    private final KafkaClientService kafka;
    private final String topic;
    private final MeterRegistry metrics;

    HourlyUsagePublisher(Pool pool, AnalyticsSchema schema, KafkaClientService kafka,
            @ConfigProperty(name = "mp.messaging.outgoing.usage-hourly.topic") String topic, MeterRegistry metrics) {
        this.pool = pool;
        this.schema = schema;
        this.kafka = kafka;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(every = "${switchboard.billing.analytics.publish-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> drain() {
        return publishAll().replaceWithVoid();
    }

    /** Publishes batches until nothing is pending; how many records it published. */
    public Uni<Long> publishAll() {
        return publishPending().chain(sent -> sent < BATCH ? Uni.createFrom().item((long) sent)
                : publishAll().map(more -> more + sent));
    }

    /** Publishes one batch of the oldest pending records; how many it published. */
    public Uni<Integer> publishPending() {
        return schema.ready().chain(() -> pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<ProducerRecord<String, UsageHourly>> records = new ArrayList<>(rows.size());
                    List<Long> seqs = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        records.add(record(of(row)));
                        seqs.add(row.getLong("seq"));
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return OutboxDrain.sendAll(kafka.<String, UsageHourly> getProducer("usage-hourly"), records)
                            .chain(() -> connection.preparedQuery("UPDATE hourly_usage_outbox SET published_at = now() "
                                    + "WHERE seq = ANY($1)").execute(Tuple.of(seqs.toArray(Long[]::new))))
                            .invoke(() -> metrics.counter("switchboard.billing.analytics.published", "topic",
                                    Topic.USAGE_HOURLY.topicName()).increment(records.size()))
                            .replaceWith(records.size());
                })));
    }

    private ProducerRecord<String, UsageHourly> record(UsageHourly record) {
        return CloudEvents.record(EventType.USAGE_HOURLY, PricedUsagePublisher.SOURCE, record.recordId(), topic,
                record.tenantId(), record.rollupId(), record);
    }

    static UsageHourly of(Row row) {
        long[] m = HourlyColumns.MEASURES.stream().mapToLong(row::getLong).toArray();
        // requests, cache_hits, unpriced_requests, 7 token fields, saved_tokens, then the 7 money columns
        long input = m[11], cachedInput = m[12], cacheWrite = m[13], output = m[14], reasoning = m[15];
        long savedByCache = m[16], savedByBatch = m[17];
        long cost = Math.addExact(Math.addExact(Math.addExact(input, cachedInput), Math.addExact(cacheWrite, output)),
                reasoning);
        long saved = Math.addExact(savedByCache, savedByBatch);
        return new UsageHourly(EventType.SCHEMA_VERSION, row.getString("record_id"), row.getString("kind"),
                row.getString("rollup_id"), row.getString("tenant_id"), row.getOffsetDateTime("hour").toInstant(),
                row.getString("model"), row.getString("provider"), PricedEntries.present(row.getString("api_key_id")),
                PricedEntries.present(row.getString("route")), PricedEntries.present(row.getString("variant")),
                row.getBoolean("batch"), m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], input,
                cachedInput, cacheWrite, output, reasoning, cost, UsagePriced.usd(cost),
                savedByCache, savedByBatch, saved, UsagePriced.usd(saved),
                row.getOffsetDateTime("closed_at").toInstant(), row.getOffsetDateTime("recorded_at").toInstant());
    }
}
