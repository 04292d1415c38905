package io.switchboard.evaluator.alerts;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.WebhookSignature;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.EvaluatorConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Pushes every alert to the operators' webhook, when one is configured: the alert's JSON as the body, its CloudEvents
 * attributes as {@code ce-*} headers (CloudEvents' HTTP binary mode), signed like job callbacks. It reads the alerts
 * topic in a group of its own ({@code evaluator-alerts-webhook}), so every replica's alarms are pushed once. A
 * receiver that keeps failing costs the alert its push, never its place on the topic or in the alerts view: after
 * the configured attempts the delivery is given up, logged and counted.
 */
@ApplicationScoped
public class AlertWebhook {

    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final EvaluatorConfig.AlertWebhook config;
    private final WebClient client;
    private final MeterRegistry metrics;

    @Inject
    AlertWebhook(EvaluatorConfig config, Vertx vertx, MeterRegistry metrics) {
        this.config = config.alertWebhook();
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
        this.metrics = metrics;
    }

    @Incoming("quality-alerts-webhook")
    public Uni<Void> onAlert(Message<QualityAlert> message) {
        QualityAlert alert = message.getPayload();
        if (config.url().isEmpty() || alert == null) {
            return Uni.createFrom().completionStage(message::ack);
        }
        String eventId = CloudEvents.id(message).filter(id -> !id.isBlank())
                .orElse(alert.alarmId() + ":" + alert.kind().wireName());
        return deliver(alert, eventId)
                .onFailure().retry().withBackOff(FIRST_PAUSE, LONGEST_PAUSE).atMost(Math.max(0, config.attempts() - 1))
                .onItemOrFailure().transformToUni((delivered, failure) -> {
                    if (failure != null) {
                        LOG.errorf("alert %s (%s) not pushed to the webhook after %d attempts: %s", alert.alarmId(),
                                alert.kind().wireName(), config.attempts(), failure.toString());
                        count("given_up");
                    } else {
                        count("delivered");
                    }
                    return Uni.createFrom().completionStage(message::ack);
                });
    }

    private Uni<Void> deliver(QualityAlert alert, String eventId) {
        String body;
        try {
            body = EventJson.MAPPER.writeValueAsString(alert);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        var request = client.postAbs(config.url().get())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", eventId)
                .putHeader("ce-type", EventType.QUALITY_ALERT.type())
                .putHeader("ce-source", "/switchboard/evaluator")
                .putHeader("ce-subject", alert.alarmId());
        config.secret().ifPresent(secret -> request.putHeader(WebhookSignature.HEADER,
                WebhookSignature.sign(secret, Instant.now().getEpochSecond(), body)));
        return request.sendBuffer(Buffer.buffer(body)).invoke(this::requireSuccess).replaceWithVoid();
    }

    private void requireSuccess(HttpResponse<Buffer> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalStateException("the webhook answered HTTP " + response.statusCode());
        }
    }

    private void count(String outcome) {
        metrics.counter("switchboard.evaluator.alerts.webhook", "outcome", outcome).increment();
    }
}
