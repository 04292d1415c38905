package io.switchboard.billing.analytics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.billing.FixedTestPrices;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsagePriced;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.contracts.serde.UsagePricedDeserializer;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The running service publishes each ledger entry to {@code switchboard.usage.priced.v1}: once per entry after
 * deduplication by {@code ce_id}, none missing, however the usage was delivered and even when a publish fails after the
 * broker took the records. The failed publish is a flush's, from memory; the drain then sends the same entries read
 * back from the ledger, and each pair must be the same record: what a flush publishes is what the ledger holds.
 */
@QuarkusTest
class PricedUsageTopicTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Test
    void everyBookedEntryIsPublishedOnceByCeIdAfterDuplicatesARedeliveredBatchAndAFailedPublish() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String suffix = UUID.randomUUID().toString().replace("-", "");
        // a publish whose commit fails after the broker acknowledged its records (a crash at the worst moment): a
        // deferred trigger raises at the commit of the first delete of this tenant's rows, the flush's own after its
        // publish from memory; the drain takes the row after the grace (2 s in tests) and sends its entries again
        execute("CREATE SEQUENCE fail_publish_" + suffix);
        execute("""
                CREATE FUNCTION fail_publish_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF '%2$s' = ANY(OLD.tenant_ids) THEN
                    IF nextval('fail_publish_%1$s') = 1 THEN
                      RAISE EXCEPTION 'injected: the publish of %2$s fails at its commit';
                    END IF;
                  END IF;
                  RETURN OLD;
                END $$""".formatted(suffix, tenant));
        execute("CREATE CONSTRAINT TRIGGER fail_publish_" + suffix + " AFTER DELETE ON priced_usage_outbox_batches "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_publish_" + suffix + "()");
        try {
            // nanoseconds, which the ledger stores to the microsecond: the records from memory must say the same
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
            List<TokensUsed> usages = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String model = i % 3 == 0 ? FixedTestPrices.UNPRICED : "gpt-4o-mini";
                usages.add(new TokensUsed(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(), tenant, model,
                        "simulator", "sim-small", 100 + i, 10 + i, 110 + 2 * i, 42, at.minusSeconds(i), "support",
                        i % 2 == 0 ? "canary" : null, null, false, i, 0, 0, 0, i % 4 == 0, "key_" + (i % 2)));
            }
            for (int copy = 0; copy < 3; copy++) { // every event three times
                for (TokensUsed usage : usages) {
                    send(usage);
                }
            }
            await().atMost(TIMEOUT).until(() -> count("SELECT count(*) AS n FROM ledger_entries WHERE tenant_id = $1",
                    tenant) == usages.size());
            for (TokensUsed usage : usages) { // the whole batch delivered again, as after a rebalance
                send(usage);
            }

            Set<String> expected = new HashSet<>();
            usages.forEach(usage -> expected.add(UsagePriced.entryIdFor(tenant, TokensUsed.eventIdFor(usage.jobId()))));
            Set<String> seen = new HashSet<>();
            kafka.collect(Topic.USAGE_PRICED.topicName(), record -> tenant.equals(record.key()),
                    record -> seen.add(KafkaProbe.header(record, "ce_id").orElseThrow()) && seen.size() == expected.size(),
                    TIMEOUT);
            await().atMost(TIMEOUT).until(() -> count("SELECT count(*) AS n FROM priced_usage_outbox_batches WHERE $1 = ANY(tenant_ids)",
                    tenant) == 0);
            List<ConsumerRecord<String, String>> records = kafka.collectFor(Topic.USAGE_PRICED.topicName(),
                    record -> tenant.equals(record.key()), Duration.ofSeconds(5));

            Map<String, String> byId = new HashMap<>();
            int resent = 0;
            for (ConsumerRecord<String, String> record : records) {
                String id = KafkaProbe.header(record, "ce_id").orElseThrow();
                assertEquals(EventType.USAGE_PRICED.type(), KafkaProbe.header(record, "ce_type").orElseThrow());
                // the binary-mode CloudEvents headers every topic's records carry (docs/events.md)
                assertEquals("1.0", KafkaProbe.header(record, "ce_specversion").orElseThrow());
                assertEquals("/switchboard/billing", KafkaProbe.header(record, "ce_source").orElseThrow());
                assertEquals("https://switchboard.io/schemas/" + EventType.USAGE_PRICED.schemaFile(),
                        KafkaProbe.header(record, "ce_dataschema").orElseThrow());
                assertEquals("application/json", KafkaProbe.header(record, "content-type").orElseThrow());
                Instant.parse(KafkaProbe.header(record, "ce_time").orElseThrow());
                assertTrue(KafkaProbe.header(record, "ce_subject").orElseThrow().startsWith("job_"));
                ContractSchemas.assertConforms(EventType.USAGE_PRICED, record.value());
                String before = byId.putIfAbsent(id, record.value());
                if (before != null) {
                    resent++;
                    assertEquals(EventJson.MAPPER.readTree(before), EventJson.MAPPER.readTree(record.value()),
                            "a record sent again, read back from the ledger, is the record sent from memory");
                }
            }
            assertEquals(expected, byId.keySet(), "every ledger entry, and nothing else, once by ce_id");
            assertTrue(resent > 0, "the failed publish sent its records again: " + records.size() + " records");
            // the first commit that deleted this tenant's rows raised (1), a later one went through (one more per row)
            assertTrue(count("SELECT last_value AS n FROM fail_publish_" + suffix) > 1, "the injected failure happened");

            try (UsagePricedDeserializer reader = new UsagePricedDeserializer()) {
                for (String json : byId.values()) {
                    UsagePriced priced = reader.deserialize(Topic.USAGE_PRICED.topicName(), json.getBytes());
                    assertEquals(priced.entryId(), UsagePriced.entryIdFor(tenant, priced.eventId()));
                    Row entry = single("SELECT * FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2", tenant,
                            priced.eventId());
                    assertNotNull(entry);
                    assertEquals(entry.getLong("prompt_tokens"), priced.promptTokens());
                    assertEquals(entry.getLong("cached_tokens"), priced.cachedTokens());
                    assertEquals(entry.getString("price_version"), priced.priceVersion());
                    assertEquals(entry.getLong("input_pusd") + entry.getLong("output_pusd"), priced.costPusd());
                    assertEquals(entry.getOffsetDateTime("occurred_at").toInstant(), priced.occurredAt());
                    if (priced.priceVersion() == null) {
                        assertEquals(0, priced.costPusd());
                    } else {
                        // $1 per million input tokens, $2 per million output (FixedTestPrices)
                        assertEquals(priced.promptTokens() * 1_000_000 + priced.completionTokens() * 2_000_000,
                                priced.costPusd());
                    }
                }
            }
        } finally {
            execute("DROP TRIGGER fail_publish_" + suffix + " ON priced_usage_outbox_batches");
            execute("DROP FUNCTION fail_publish_" + suffix + "()");
            execute("DROP SEQUENCE fail_publish_" + suffix);
        }
    }

    private static void send(TokensUsed usage) throws Exception {
        kafka.sendEvent(Topic.USAGE.topicName(), usage.tenantId(), EventType.TOKENS_USED.type(),
                TokensUsed.eventIdFor(usage.jobId()), EventJson.MAPPER.writeValueAsString(usage));
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().indefinitely();
    }

    private long count(String sql, Object... arguments) {
        return single(sql, arguments).getLong("n");
    }

    private Row single(String sql, Object... arguments) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}
