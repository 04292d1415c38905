package io.switchboard.billing.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsageHourly;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.contracts.serde.UsageHourlyDeserializer;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Closed periods: an hour's rollups are published once when it closes, with the ledger's totals; usage booked after
 * that is an adjustment record, and the published rollup is never restated. Hours are closed by the test
 * ({@code close-interval=off}), at the instant it chooses: the end of the current hour plus the grace period.
 */
@QuarkusTest
class HourlyRollupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Inject
    HourCloser closer;

    @Inject
    AnalyticsConfig config;

    @Test
    void aClosedHourIsPublishedOnceWithTheLedgersTotalsAndALateEventIsAnAdjustmentNotARestatement() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // the closings of earlier runs of this test (which closed hours early) are forgotten, so this hour is open
        execute("DELETE FROM ledger_closed_hours");
        String tenant = "t-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            send(usage(tenant, "gpt-4o-mini", "key_a", 900 + i, 300, hour.plusMillis(i)));
        }
        send(usage(tenant, "gpt-4o", null, 50, 5, hour));
        send(usage(tenant, "gpt-4o", null, 60, 6, hour));
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) AS n FROM ledger_entries WHERE tenant_id = $1",
                tenant) == 5);

        Instant closing = hour.plus(1, ChronoUnit.HOURS).plus(config.closeGrace());
        // the first closing starts a day back (first-close-backfill) and stops before an hour still in its grace
        closer.closeDue(closing.minusSeconds(1)).await().atMost(TIMEOUT);
        assertEquals(0L, count("SELECT count(*) AS n FROM ledger_closed_hours WHERE hour >= $1", utc(hour)),
                "not closed before the grace period has passed");
        assertEquals(1, closer.closeDue(closing).await().atMost(TIMEOUT));
        assertEquals(1L, count("SELECT count(*) AS n FROM ledger_closed_hours WHERE hour = $1", utc(hour)));

        List<ConsumerRecord<String, String>> rollups = kafka.collect(Topic.USAGE_HOURLY.topicName(),
                record -> tenant.equals(record.key()), KafkaProbe.nth(2), TIMEOUT);
        Map<String, UsageHourly> byModel = new HashMap<>();
        for (ConsumerRecord<String, String> record : rollups) {
            UsageHourly rollup = read(record);
            assertEquals(UsageHourly.ROLLUP, rollup.kind());
            assertEquals(hour, rollup.hour());
            byModel.put(rollup.model(), rollup);
        }
        assertEquals(2, byModel.size());
        assertTotalsEqualTheLedger(tenant, byModel.get("gpt-4o-mini"), 3);
        assertTotalsEqualTheLedger(tenant, byModel.get("gpt-4o"), 2);
        assertEquals("key_a", byModel.get("gpt-4o-mini").apiKeyId());

        // a late event of the closed hour: in its own hour in the ledger and the usage API, an adjustment on the topic
        TokensUsed late = usage(tenant, "gpt-4o-mini", "key_a", 1_000, 400, hour.plusSeconds(59));
        send(late);
        ConsumerRecord<String, String> adjustmentRecord = kafka.await(Topic.USAGE_HOURLY.topicName(),
                record -> tenant.equals(record.key()) && record.value().contains("\"adjustment\""), TIMEOUT);
        UsageHourly adjustment = read(adjustmentRecord);
        assertEquals(UsageHourly.ADJUSTMENT, adjustment.kind());
        assertEquals(byModel.get("gpt-4o-mini").rollupId(), adjustment.rollupId(), "it adds to the published rollup");
        assertEquals(1, adjustment.requests());
        assertEquals(1_000, adjustment.promptTokens());
        assertEquals(400, adjustment.completionTokens());
        assertEquals(1_000 * 1_000_000L + 400 * 2_000_000L, adjustment.costPusd());
        assertEquals(1L, count("SELECT count(*) AS n FROM ledger_adjustment_lines WHERE tenant_id = $1 AND event_id = $2",
                tenant, TokensUsed.eventIdFor(late.jobId())));
        int requests = given().get("/internal/usage/" + tenant).then().statusCode(200).extract().jsonPath()
                .getList("data.requests", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(6, requests, "the usage API shows the late event in its hour");

        // nothing restated: closing again closes nothing, the topic holds the two rollups and the one adjustment
        assertEquals(0, closer.closeDue(closing).await().atMost(TIMEOUT));
        send(late); // and a redelivery of the late event adjusts nothing
        List<ConsumerRecord<String, String>> all = kafka.collectFor(Topic.USAGE_HOURLY.topicName(),
                record -> tenant.equals(record.key()), Duration.ofSeconds(5));
        Map<String, String> distinct = new HashMap<>();
        all.forEach(record -> distinct.put(KafkaProbe.header(record, "ce_id").orElseThrow(), record.value()));
        assertEquals(3, distinct.size(), "two rollups and one adjustment: " + distinct.values());
        // the rollup plus its adjustment is the ledger's hour
        UsageHourly mini = byModel.get("gpt-4o-mini");
        Row hourly = single("SELECT sum(requests) AS requests, sum(prompt_tokens) AS prompt, "
                + "sum(input_pusd + output_pusd) AS cost FROM ledger_hourly WHERE tenant_id = $1 AND model = $2",
                tenant, "gpt-4o-mini");
        assertEquals(mini.requests() + adjustment.requests(), hourly.getLong("requests"));
        assertEquals(mini.promptTokens() + adjustment.promptTokens(), hourly.getLong("prompt"));
        assertEquals(mini.costPusd() + adjustment.costPusd(), hourly.getLong("cost"));
    }

    private void assertTotalsEqualTheLedger(String tenant, UsageHourly rollup, int requests) {
        Row ledger = single("""
                SELECT count(*) AS requests, sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion,
                       sum(total_tokens) AS total, sum(input_pusd + output_pusd) AS cost
                FROM ledger_entries WHERE tenant_id = $1 AND model = $2""", tenant, rollup.model());
        assertEquals(requests, rollup.requests());
        assertEquals(ledger.getLong("requests"), rollup.requests());
        assertEquals(ledger.getLong("prompt"), rollup.promptTokens());
        assertEquals(ledger.getLong("completion"), rollup.completionTokens());
        assertEquals(ledger.getLong("total"), rollup.totalTokens());
        assertEquals(ledger.getLong("cost"), rollup.costPusd());
        assertEquals(UsageHourly.class, rollup.getClass());
    }

    private static UsageHourly read(ConsumerRecord<String, String> record) {
        assertEquals(EventType.USAGE_HOURLY.type(), KafkaProbe.header(record, "ce_type").orElseThrow());
        ContractSchemas.assertConforms(EventType.USAGE_HOURLY, record.value());
        try (UsageHourlyDeserializer reader = new UsageHourlyDeserializer()) {
            UsageHourly hourly = reader.deserialize(record.topic(), record.value().getBytes());
            assertEquals(hourly.recordId(), KafkaProbe.header(record, "ce_id").orElseThrow());
            return hourly;
        }
    }

    static TokensUsed usage(String tenant, String model, String apiKey, int prompt, int completion, Instant at) {
        return new TokensUsed(EventType.SCHEMA_VERSION, "job_" + UUID.randomUUID(), tenant, model, "simulator",
                "sim-small", prompt, completion, prompt + completion, 42, at, null, null, null, false, null, null, null,
                null, null, apiKey);
    }

    private static void send(TokensUsed usage) throws Exception {
        kafka.sendEvent(Topic.USAGE.topicName(), usage.tenantId(), EventType.TOKENS_USED.type(),
                TokensUsed.eventIdFor(usage.jobId()), EventJson.MAPPER.writeValueAsString(usage));
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
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
