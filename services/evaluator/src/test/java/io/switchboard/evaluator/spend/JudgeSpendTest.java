package io.switchboard.evaluator.spend;

import static io.switchboard.evaluator.StratumResults.freshTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.events.Strata;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.watch.AlertPublisher;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The judge spend cap on the real PostgreSQL and broker: two spend trackers built by hand stand for two replicas
 * sharing the database.
 */
@QuarkusTest
class JudgeSpendTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Inject
    AlertPublisher alerts;

    @Test
    void aTenantsTokenCapHoldsAndIsAnnouncedOnce() throws Exception {
        Instant start = Instant.now();
        String tenant = freshTenant("spender");
        String neighbour = freshTenant("neighbour");
        SpendCaps caps = new SpendCaps(1_000, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        JudgeSpend one = replica(caps);
        JudgeSpend two = replica(caps);

        one.record(tenant, 600, new BigDecimal("0.01"), Instant.now()).await().indefinitely();
        assertFalse(one.exhausted(tenant));
        two.record(tenant, 500, new BigDecimal("0.01"), Instant.now()).await().indefinitely();
        assertTrue(two.exhausted(tenant), "the replica whose record reached the cap knows at once");
        assertFalse(two.exhausted(neighbour), "the cap is per tenant");
        one.refresh().await().indefinitely();
        assertTrue(one.exhausted(tenant), "the other replica learns it from the shared spend");
        for (int i = 0; i < 5; i++) {
            one.record(tenant, 100, BigDecimal.ZERO, Instant.now()).await().indefinitely();
            two.record(tenant, 100, BigDecimal.ZERO, Instant.now()).await().indefinitely();
            one.refresh().await().indefinitely();
            two.refresh().await().indefinitely();
        }
        assertTrue(one.exhausted(tenant) && two.exhausted(tenant));

        List<ConsumerRecord<String, String>> announced = kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().equals(Strata.of(tenant, null, null, null)), Duration.ofSeconds(5));
        assertEquals(1, announced.size(), "one alarm per tenant, cap and window, not one per reply: " + announced);
        QualityAlert alert = EventJson.MAPPER.readValue(announced.getFirst().value(), QualityAlert.class);
        assertEquals(QualityAlertKind.BUDGET_EXHAUSTED, alert.kind());
        assertEquals(tenant, alert.tenantId());
        assertEquals("judge_tokens_per_hour", alert.metric());
        assertEquals(1_000.0, alert.baseline(), "the limit");
        assertEquals(1_100.0, alert.current(), "the spend that reached it");
        assertTrue(alert.detail().contains("floor-only"), alert.detail());
        assertFalse(alert.raisedAt().isBefore(start));
    }

    @Test
    void theOverallCostCapCapsEveryTenant() throws Exception {
        // the overall scope is shared with every other run against this database: start it afresh
        pool.query("DELETE FROM judge_spend WHERE scope = '*'; DELETE FROM judge_budget_alarms WHERE scope = '*'")
                .execute().onFailure().recoverWithNull().await().indefinitely();
        Instant start = Instant.now();
        String first = freshTenant("big");
        String second = freshTenant("small");
        SpendCaps caps = new SpendCaps(0, 0, new BigDecimal("5.00"), new BigDecimal("1.00"));
        JudgeSpend spend = replica(caps);

        spend.record(first, 100, new BigDecimal("0.60"), Instant.now()).await().indefinitely();
        assertFalse(spend.exhausted(first));
        spend.record(second, 100, new BigDecimal("0.45"), Instant.now()).await().indefinitely();
        assertTrue(spend.exhausted(first) && spend.exhausted(second), "1.05 spent of 1.00 over all tenants");
        assertTrue(spend.exhausted(freshTenant("anyone")), "the overall cap holds for tenants not judged yet");
        spend.record(first, 100, new BigDecimal("0.30"), Instant.now()).await().indefinitely();
        spend.refresh().await().indefinitely();

        List<QualityAlert> announced = kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().equals("evaluator"), Duration.ofSeconds(5)).stream()
                .map(r -> read(r.value()))
                .filter(a -> a.kind() == QualityAlertKind.BUDGET_EXHAUSTED && !a.raisedAt().isBefore(start))
                .toList();
        assertEquals(1, announced.size(), announced.toString());
        QualityAlert alert = announced.getFirst();
        assertNull(alert.tenantId(), "an alarm about the evaluator as a whole");
        assertEquals("judge_cost_per_day", alert.metric());
        assertEquals(1.0, alert.baseline());
        assertEquals(1.05, alert.current(), 1e-9);
    }

    private JudgeSpend replica(SpendCaps caps) {
        return new JudgeSpend(new SpendLedger(pool), new BudgetAlarms(pool, alerts, Clock.systemUTC()), caps,
                Clock.systemUTC());
    }

    private static QualityAlert read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, QualityAlert.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
