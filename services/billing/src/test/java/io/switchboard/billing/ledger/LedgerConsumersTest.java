package io.switchboard.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Crashes, replays and rebalances, each on a one-partition topic of the test's own, booked by real Kafka
 * consumers that use the service's claim, screening and flush beans and that the test stops between steps.
 */
@QuarkusTest
class LedgerConsumersTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:10:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String BOOTSTRAP = System.getenv("KAFKA_BOOTSTRAP_SERVERS");

    @Inject
    PartitionClaims claims;
    @Inject
    UsageScreening screening;
    @Inject
    LedgerWriter writer;
    @Inject
    Pool pool;

    /** A consumer books and commits to PostgreSQL, then dies before it commits to Kafka. */
    @Test
    void aCrashAfterTheDatabaseCommitAndBeforeTheKafkaCommitCountsOnce() throws Exception {
        String topic = newTopic();
        String group = "crash-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 5);

        try (PlainLedgerConsumer first = consumer(group, topic, Map.of())) {
            List<ConsumerRecord<String, TokensUsed>> read = first.poll(5, TIMEOUT);
            assertEquals(5, read.size());
            FlushOutcome outcome = first.flush(partition, first.epochOf(partition), read);
            assertEquals(5, assertInstanceOf(FlushOutcome.Committed.class, outcome).booked().size());
        } // closed without any Kafka commit: the group has no committed offset

        LedgerDb db = new LedgerDb(pool);
        assertEquals(5, db.offsets(group, topic, 0).getLong("next_offset"));
        publish(topic, tenant, 1);
        try (PlainLedgerConsumer fresh = consumer(group, topic, Map.of())) {
            List<ConsumerRecord<String, TokensUsed>> read = fresh.poll(1, TIMEOUT);
            // it resumed at the stored offset, not at the earliest record (Kafka had nothing committed)
            assertEquals(List.of(5L), read.stream().map(ConsumerRecord::offset).toList());
            FlushOutcome outcome = fresh.flush(partition, fresh.epochOf(partition), read);
            assertEquals(1, assertInstanceOf(FlushOutcome.Committed.class, outcome).booked().size());
        }
        assertEquals(6, db.entries(tenant));
        assertEquals(0, new BigDecimal(6).compareTo(db.totals(tenant).get("requests")));
    }

    @Test
    void aReplayFromOffsetZeroChangesNothing() throws Exception {
        String topic = newTopic();
        String group = "replay-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 20);
        try (PlainLedgerConsumer first = consumer(group, topic, Map.of())) {
            List<ConsumerRecord<String, TokensUsed>> read = first.poll(20, TIMEOUT);
            first.flush(partition, first.epochOf(partition), read);
        }
        LedgerDb db = new LedgerDb(pool);
        Map<String, BigDecimal> before = db.totals(tenant);
        assertEquals(0, new BigDecimal(20).compareTo(before.get("requests")));

        // an operator rewinds the ledger's stored offset to the start of the topic
        db.single("UPDATE ledger_offsets SET next_offset = 0 WHERE consumer_group = $1 AND topic = $2 RETURNING 1",
                group, topic);
        try (PlainLedgerConsumer replay = consumer(group, topic, Map.of())) {
            List<ConsumerRecord<String, TokensUsed>> read = replay.poll(20, TIMEOUT);
            assertEquals(0L, read.getFirst().offset());
            assertEquals(20, read.size());
            FlushOutcome outcome = replay.flush(partition, replay.epochOf(partition), read);
            assertEquals(0, assertInstanceOf(FlushOutcome.Committed.class, outcome).booked().size());
        }
        assertEquals(before, db.totals(tenant));
        assertEquals(20, db.entries(tenant));
        assertEquals(20, db.offsets(group, topic, 0).getLong("next_offset"));
    }

    /**
     * Two consumers of one group on one partition. The first reads a batch and stalls (past its
     * max.poll.interval.ms, so the group moves the partition to the second, which claims it); its late flush
     * then writes nothing, although the events it carries were booked by nobody yet.
     */
    @Test
    void aStaleConsumerIsFencedAfterARebalance() throws Exception {
        String topic = newTopic();
        String group = "fence-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 5);
        LedgerDb db = new LedgerDb(pool);

        try (PlainLedgerConsumer stale = consumer(group, topic,
                Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3000));
                PlainLedgerConsumer successor = consumer(group, topic, Map.of())) {
            List<ConsumerRecord<String, TokensUsed>> staleBatch = stale.poll(5, TIMEOUT);
            long staleEpoch = stale.epochOf(partition);
            assertEquals(5, staleBatch.size());

            // the stale consumer stops polling; the group hands the partition to its successor
            List<ConsumerRecord<String, TokensUsed>> read = successor.poll(5, TIMEOUT);
            assertEquals(5, read.size());
            long successorEpoch = successor.epochOf(partition);
            assertTrue(successorEpoch > staleEpoch);

            assertInstanceOf(FlushOutcome.Fenced.class, stale.flush(partition, staleEpoch, staleBatch));
            assertEquals(0, db.entries(tenant), "the fenced flush booked nothing");
            Row offsets = db.offsets(group, topic, 0);
            assertNull(offsets.getLong("next_offset"), "nor moved the offset");
            assertEquals(successorEpoch, offsets.getLong("epoch"));

            FlushOutcome booked = successor.flush(partition, successorEpoch, read);
            assertEquals(5, assertInstanceOf(FlushOutcome.Committed.class, booked).booked().size());
            // and a flush that comes later still from the stale consumer changes nothing either
            assertInstanceOf(FlushOutcome.Fenced.class, stale.flush(partition, staleEpoch, staleBatch));
        }
        assertEquals(5, db.entries(tenant));
        assertEquals(5, db.offsets(group, topic, 0).getLong("next_offset"));
    }

    private PlainLedgerConsumer consumer(String group, String topic, Map<String, Object> overrides) {
        return new PlainLedgerConsumer(BOOTSTRAP, group, topic, claims, screening, writer, overrides);
    }

    private static String newTopic() throws Exception {
        String topic = "ledger-test-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static void publish(String topic, String tenant, int count) throws Exception {
        KafkaProbe kafka = KafkaProbe.shared();
        List<TokensUsed> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(LedgerExactlyOnceTest.usage(tenant, "gpt-4o-mini", 10, 5, AT));
        }
        for (TokensUsed usage : events) {
            kafka.sendEvent(topic, 0, tenant, EventType.TOKENS_USED.type(), TokensUsed.eventIdFor(usage.jobId()),
                    EventJson.MAPPER.writeValueAsString(usage));
        }
    }
}
