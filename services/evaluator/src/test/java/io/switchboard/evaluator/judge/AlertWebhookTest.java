package io.switchboard.evaluator.judge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.WebhookSignature;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/** Alerts pushed to the operators' webhook from the real alerts topic: signed, once each, retried when refused. */
@QuarkusTest
@TestProfile(JudgeProfile.class)
class AlertWebhookTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void everyAlertIsPushedOnceSignedWithItsCloudEventsHeaders() throws Exception {
        QualityAlert alert = alert("alarm_" + UUID.randomUUID().toString().replace("-", ""));
        String eventId = UUID.randomUUID().toString();
        publish(alert, eventId);

        WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveriesOf(alert.alarmId()), list -> !list.isEmpty()).getFirst();
        assertEquals(eventId, delivery.headers().get("ce-id"));
        assertEquals(EventType.QUALITY_ALERT.type(), delivery.headers().get("ce-type"));
        assertEquals("application/json", delivery.headers().get("content-type"));
        QualityAlert received = EventJson.MAPPER.readValue(delivery.body(), QualityAlert.class);
        assertEquals(alert.alarmId(), received.alarmId());
        assertEquals(QualityAlertKind.QUALITY_DEGRADED, received.kind());
        String signature = delivery.headers().get(WebhookSignature.HEADER.toLowerCase());
        long timestamp = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertEquals(WebhookSignature.sign(WebhookReceiver.SECRET, timestamp, delivery.body()), signature);
        Thread.sleep(1_000);
        assertEquals(1, deliveriesOf(alert.alarmId()).size(), "pushed once");
    }

    @Test
    void aReceiverThatRefusesGetsTheAlertAgainUntilItTakesIt() throws Exception {
        QualityAlert alert = alert("alarm_flaky_" + UUID.randomUUID().toString().replace("-", ""));
        publish(alert, UUID.randomUUID().toString());

        List<WebhookReceiver.Delivery> deliveries = await().atMost(Duration.ofSeconds(40))
                .until(() -> deliveriesOf(alert.alarmId()), list -> list.stream().anyMatch(d -> d.answered() == 204));
        assertEquals(List.of(500, 500, 204), deliveries.stream().map(WebhookReceiver.Delivery::answered).toList());
        assertTrue(deliveries.stream().map(WebhookReceiver.Delivery::body).distinct().count() == 1, "the same alert");
    }

    private static List<WebhookReceiver.Delivery> deliveriesOf(String alarmId) {
        return WebhookReceiver.DELIVERIES.stream().filter(d -> alarmId.equals(d.headers().get("ce-subject"))).toList();
    }

    private static QualityAlert alert(String alarmId) {
        return new QualityAlert(EventType.SCHEMA_VERSION, alarmId, QualityAlertKind.QUALITY_DEGRADED, "acme",
                "support-bot", "sim-small", "canary", "no_refusal", 0.02, 0.09, 0.07, 1e-9, Instant.now(), 120L,
                List.of("job_1"), "no_refusal of acme|support-bot|sim-small|canary got worse", Instant.now());
    }

    private static void publish(QualityAlert alert, String eventId) throws Exception {
        kafka.sendEvent(Topic.QUALITY_ALERTS.topicName(), alert.partitionKey(), EventType.QUALITY_ALERT.type(), eventId,
                EventJson.MAPPER.writeValueAsString(alert));
    }
}
