package io.switchboard.billing.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.billing.analytics.PricedUsagePublisher;
import io.switchboard.contracts.events.UsageRecord;

/**
 * Books each poll's usage records, one transaction per partition (partitions in parallel), and acknowledges a
 * partition's records once they are booked. The acknowledgement only moves Kafka's committed offset, which
 * serves lag monitoring: where booking resumes is the offset the ledger stored ({@link LedgerOffsets}).
 */
@ApplicationScoped
public class UsageBooking {

    private static final Logger LOG = Logger.getLogger(UsageBooking.class);

    private final LedgerOffsets offsets;
    private final UsageScreening screening;
    private final LedgerWriter writer;
    private final RejectedEntries rejected;
    private final DeadLetters deadLetters;
    private final BilledTokens billedTokens;
    private final PricedUsagePublisher priced;
    private final LedgerConfig config;
    private final MeterRegistry registry;
    private final String group;

    UsageBooking(LedgerOffsets offsets, UsageScreening screening, LedgerWriter writer, RejectedEntries rejected,
            DeadLetters deadLetters, BilledTokens billedTokens, PricedUsagePublisher priced, LedgerConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.usage.group.id") String group) {
        this.offsets = offsets;
        this.screening = screening;
        this.writer = writer;
        this.rejected = rejected;
        this.deadLetters = deadLetters;
        this.billedTokens = billedTokens;
        this.priced = priced;
        this.config = config;
        this.registry = registry;
        this.group = group;
    }

    @Incoming("usage")
    public Uni<Void> onUsage(KafkaRecordBatch<String, UsageRecord> batch) {
        Map<TopicPartition, List<ConsumerRecord<String, UsageRecord>>> byPartition = new LinkedHashMap<>();
        for (KafkaRecord<String, UsageRecord> record : batch) {
            ConsumerRecord<String, UsageRecord> read = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow().getRecord();
            byPartition.computeIfAbsent(new TopicPartition(read.topic(), read.partition()), tp -> new ArrayList<>())
                    .add(read);
        }
        List<Uni<Void>> flushes = new ArrayList<>(byPartition.size());
        byPartition.forEach((partition, records) -> {
            OptionalLong epoch = offsets.epochOf(partition);
            if (epoch.isEmpty()) {
                // revoked since the poll: its new owner reads these records again from the stored offset
                LOG.debugf("%d records of %s dropped: the partition is no longer this consumer's", records.size(),
                        partition);
                return;
            }
            flushes.add(flushRetried(partition, epoch.getAsLong(), records)
                    .chain(outcome -> settle(batch, partition, outcome)));
        });
        return flushes.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(flushes).andFailFast().replaceWithVoid();
    }

    /**
     * A failed flush changed nothing, so flushing the same records again counts each event once. Screening (and
     * so pricing, which fails until the catalog is first loaded) is part of what is retried. A flush PostgreSQL
     * refused for the values of some entries is flushed again without them (they are dead-lettered): retrying
     * them as they are would stall the partition for ever.
     */
    private Uni<FlushOutcome> flushRetried(TopicPartition partition, long epoch,
            List<ConsumerRecord<String, UsageRecord>> records) {
        return Uni.createFrom().item(() -> screening.screen(group, partition, epoch, records))
                .chain(batch -> writer.flush(batch).onFailure(DataRejection::is)
                        .recoverWithUni(() -> rejected.setAside(batch).chain(writer::flush)))
                .onFailure().invoke(failure -> {
                    registry.counter("switchboard.billing.flush.retries").increment();
                    LOG.warnf("flush of %d usage records of %s failed, retrying: %s", records.size(), partition,
                            failure.toString());
                })
                .onFailure().retry().withBackOff(config.retryMinBackoff(), config.retryMaxBackoff()).indefinitely();
    }

    private Uni<Void> settle(KafkaRecordBatch<String, UsageRecord> batch, TopicPartition partition,
            FlushOutcome outcome) {
        if (outcome instanceof FlushOutcome.Committed committed) {
            registry.counter("switchboard.billing.booked").increment(committed.booked().size());
            deadLetters.recordCommitted(committed.deadLettered());
            billedTokens.count(committed.booked());
            Uni<Void> acknowledged = Uni.createFrom()
                    .completionStage(() -> batch.getLatestOffsetRecords().get(partition).ack());
            return committed.queued().map(queued -> acknowledged.chain(() -> priced.publishBooked(partition, queued)))
                    .orElse(acknowledged);
        }
        registry.counter("switchboard.billing.fenced").increment();
        LOG.infof("flush of %s fenced: another consumer claimed the partition; it resumes from the stored offset",
                partition);
        return Uni.createFrom().voidItem();
    }
}
