package io.switchboard.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.replay.GroupRewind;
import io.switchboard.contracts.replay.GroupRewind.Move;
import io.switchboard.contracts.replay.ReplayPoint;
import io.switchboard.contracts.replay.ReplayRefused;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The replay command on a topic of the test's own, booked by real Kafka consumers through the service's beans
 * ({@link PlainLedgerConsumer}); the command's Kafka side talks to the real broker.
 */
@QuarkusTest
class LedgerReplayTest {

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
    LedgerRewind rewind;
    @Inject
    Pool pool;

    @Test
    void aReplayFromATimeReadsFromThereAndBooksNothingTwice() throws Exception {
        String topic = newTopic(1);
        String group = "replay-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 3);
        Instant replayFrom = nextMillisecond();
        publish(topic, tenant, 2);
        bookAll(group, topic, 5);
        LedgerDb db = new LedgerDb(pool);
        Map<String, BigDecimal> before = db.totals(tenant);
        long epochBefore = db.offsets(group, topic, 0).getLong("epoch");

        try (GroupRewind kafka = new GroupRewind(BOOTSTRAP)) {
            Map<TopicPartition, Move> moves = new LedgerReplay(kafka, rewind).replay(group, topic,
                    new ReplayPoint.FromTime(replayFrom));
            assertEquals(Map.of(partition, new Move(5, 3)), moves);
            assertEquals(Map.of(partition, 3L), kafka.committed(group, topic), "Kafka's lag shows the replay too");
        }
        Row offsets = db.offsets(group, topic, 0);
        assertEquals(3, offsets.getLong("next_offset"));
        assertTrue(offsets.getLong("epoch") > epochBefore, "the move took a new epoch");

        try (PlainLedgerConsumer replayed = consumer(group, topic)) {
            List<ConsumerRecord<String, TokensUsed>> read = replayed.poll(2, TIMEOUT);
            assertEquals(List.of(3L, 4L), read.stream().map(ConsumerRecord::offset).toList());
            FlushOutcome outcome = replayed.flush(partition, replayed.epochOf(partition), read);
            assertEquals(0, assertInstanceOf(FlushOutcome.Committed.class, outcome).booked().size());
        }
        assertEquals(before, db.totals(tenant));
        assertEquals(5, db.entries(tenant));
        assertEquals(5, db.offsets(group, topic, 0).getLong("next_offset"));
    }

    /** A partition billing has not reached the point on keeps its offset: a replay never skips usage. */
    @Test
    void aReplayNeverMovesAPartitionForward() throws Exception {
        String topic = newTopic(2);
        String group = "replay-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        publish(topic, 0, tenant, 4);
        publish(topic, 1, tenant, 4);
        try (PlainLedgerConsumer first = consumer(group, topic)) {
            List<ConsumerRecord<String, TokensUsed>> read = first.poll(8, TIMEOUT);
            TopicPartition zero = new TopicPartition(topic, 0);
            TopicPartition one = new TopicPartition(topic, 1);
            first.flush(zero, first.epochOf(zero), read.stream().filter(r -> r.partition() == 0).toList());
            // partition 1: only its first record booked
            first.flush(one, first.epochOf(one), read.stream().filter(r -> r.partition() == 1).limit(1).toList());
        }
        try (GroupRewind kafka = new GroupRewind(BOOTSTRAP)) {
            assertEquals(Map.of(new TopicPartition(topic, 0), new Move(4, 2), new TopicPartition(topic, 1),
                    new Move(1, 1)), new LedgerReplay(kafka, rewind).replay(group, topic,
                            new ReplayPoint.FromOffset(2, OptionalInt.empty())));
        }
        LedgerDb db = new LedgerDb(pool);
        assertEquals(2, db.offsets(group, topic, 0).getLong("next_offset"));
        assertEquals(1, db.offsets(group, topic, 1).getLong("next_offset"));
    }

    @Test
    void aReplayIsRefusedWhileTheGroupHasMembers() throws Exception {
        String topic = newTopic(1);
        String group = "replay-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 3);
        LedgerDb db = new LedgerDb(pool);
        try (PlainLedgerConsumer running = consumer(group, topic); GroupRewind kafka = new GroupRewind(BOOTSTRAP)) {
            List<ConsumerRecord<String, TokensUsed>> read = running.poll(3, TIMEOUT);
            running.flush(partition, running.epochOf(partition), read);

            ReplayRefused refused = assertThrows(ReplayRefused.class, () -> new LedgerReplay(kafka, rewind)
                    .replay(group, topic, new ReplayPoint.FromOffset(0, OptionalInt.empty())));
            assertTrue(refused.getMessage().contains("has 1 active member"), refused.getMessage());
            // the broker's own check, for a member that joins between the command's check and its write
            ReplayRefused late = assertThrows(ReplayRefused.class,
                    () -> kafka.commit(group, Map.of(partition, new Move(3, 0))));
            assertTrue(late.getMessage().contains("gained a member"), late.getMessage());
            assertEquals(3, db.offsets(group, topic, 0).getLong("next_offset"), "the ledger was left alone");
        }
    }

    /**
     * A consumer that claimed its partition before the move (billing started while the replay ran) is fenced: its
     * flush writes nothing, and the replay point stays where the command put it.
     */
    @Test
    void aConsumerThatClaimedBeforeTheMoveCannotCarryTheOffsetForward() throws Exception {
        String topic = newTopic(1);
        String group = "replay-" + UUID.randomUUID();
        String tenant = LedgerExactlyOnceTest.newTenant();
        TopicPartition partition = new TopicPartition(topic, 0);
        publish(topic, tenant, 3);
        bookAll(group, topic, 3);
        publish(topic, tenant, 2);
        LedgerDb db = new LedgerDb(pool);

        try (PlainLedgerConsumer early = consumer(group, topic)) {
            List<ConsumerRecord<String, TokensUsed>> read = early.poll(2, TIMEOUT);
            rewind.moveBack(group, Map.of(partition, new Move(3, 0)), "test").await().indefinitely();

            assertInstanceOf(FlushOutcome.Fenced.class, early.flush(partition, early.epochOf(partition), read));
        }
        assertEquals(0, db.offsets(group, topic, 0).getLong("next_offset"));
        assertEquals(3, db.entries(tenant), "the fenced flush booked nothing");
    }

    @Test
    void pointsThatNameNothingAreRefused() throws Exception {
        String topic = newTopic(1);
        publish(topic, LedgerExactlyOnceTest.newTenant(), 2);
        try (GroupRewind kafka = new GroupRewind(BOOTSTRAP)) {
            assertRefused("unknown topic no-such-topic-", () -> kafka.targets("no-such-topic-" + UUID.randomUUID(),
                    new ReplayPoint.FromOffset(0, OptionalInt.empty())));
            assertRefused("has no partition 3", () -> kafka.targets(topic,
                    new ReplayPoint.FromOffset(0, OptionalInt.of(3))));
            assertRefused("is past the end of " + topic + "-0 (2)", () -> kafka.targets(topic,
                    new ReplayPoint.FromOffset(3, OptionalInt.empty())));
            assertRefused("is in the future", () -> kafka.targets(topic,
                    new ReplayPoint.FromTime(Instant.now().plus(Duration.ofHours(1)))));
        }
        assertRefused("is not an ISO-8601 time", () -> ReplayPoint.parse("--from-time", "yesterday"));
        assertRefused("either --from-time TIME or --from-offset N", () -> ReplayPoint.parse("--from-offset", "1",
                "--from-time", "2026-12-05T10:00:00Z"));
        assertRefused("must be 0 or more", () -> ReplayPoint.parse("--from-offset", "-1"));
        assertEquals(new ReplayPoint.FromOffset(7, OptionalInt.of(1)),
                ReplayPoint.parse("--from-offset", "7", "--partition", "1"));
        assertEquals(new ReplayPoint.FromTime(Instant.parse("2026-12-05T09:00:00Z")),
                ReplayPoint.parse("--from-time", "2026-12-05T10:00:00+01:00"));
    }

    private static void assertRefused(String reason, Runnable replay) {
        ReplayRefused refused = assertThrows(ReplayRefused.class, replay::run);
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private void bookAll(String group, String topic, int records) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (PlainLedgerConsumer first = consumer(group, topic)) {
            List<ConsumerRecord<String, TokensUsed>> read = first.poll(records, TIMEOUT);
            assertEquals(records, read.size());
            assertInstanceOf(FlushOutcome.Committed.class, first.flush(partition, first.epochOf(partition), read));
        }
    }

    /** A time after every record sent so far, and before every record sent from now on (timestamps are in ms). */
    private static Instant nextMillisecond() {
        Instant last = Instant.now();
        Instant next;
        do {
            next = Instant.now();
        } while (next.toEpochMilli() <= last.toEpochMilli() + 1);
        return Instant.ofEpochMilli(last.toEpochMilli() + 1);
    }

    private PlainLedgerConsumer consumer(String group, String topic) {
        return new PlainLedgerConsumer(BOOTSTRAP, group, topic, claims, screening, writer, Map.of());
    }

    private static String newTopic(int partitions) throws Exception {
        String topic = "ledger-replay-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    private static void publish(String topic, String tenant, int count) throws Exception {
        publish(topic, 0, tenant, count);
    }

    private static void publish(String topic, int partition, String tenant, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            TokensUsed usage = LedgerExactlyOnceTest.usage(tenant, "gpt-4o-mini", 10, 5, AT);
            KafkaProbe.shared().sendEvent(topic, partition, tenant, EventType.TOKENS_USED.type(),
                    TokensUsed.eventIdFor(usage.jobId()), EventJson.MAPPER.writeValueAsString(usage));
        }
    }
}
