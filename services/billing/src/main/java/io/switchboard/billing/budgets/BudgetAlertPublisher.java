package io.switchboard.billing.budgets;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.BudgetAlert;
import io.switchboard.contracts.serde.EventJson;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drains the alert outbox to {@code switchboard.budget-alerts.v1}. Each run claims unpublished alerts with
 * {@code FOR UPDATE SKIP LOCKED} (replicas share the work, never the same alert), sends them, waits for the
 * broker's acknowledgements and only then marks them published, in the same transaction. A crash in between
 * sends an alert again, with the same CloudEvents id (its alert id): at least once, recognisably the same.
 * Sent in threshold order, so one budget's 50, 80 and 100 arrive in that order on its partition.
 */
@ApplicationScoped
public class BudgetAlertPublisher {

    static final String SOURCE = "/switchboard/billing";
    private static final int BATCH = 100;

    private static final String CLAIM = """
            SELECT alert_id, payload FROM budget_alerts WHERE published_at IS NULL
            ORDER BY created_at, budget_id, period_start, threshold LIMIT $1 FOR UPDATE SKIP LOCKED
            """;

    private final Pool pool;
    private final BudgetSchema schema;
    private final MutinyEmitter<BudgetAlert> topic;
    private final MeterRegistry metrics;

    BudgetAlertPublisher(Pool pool, BudgetSchema schema, @Channel("budget-alerts") MutinyEmitter<BudgetAlert> topic,
            MeterRegistry metrics) {
        this.pool = pool;
        this.schema = schema;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(every = "${switchboard.billing.budgets.alert-publish-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not before start-up has wired the Kafka channel, nor after shutdown has closed the pool
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> drain() {
        return publishPending().replaceWithVoid();
    }

    /** Publishes one batch of pending alerts; how many it published. */
    public Uni<Integer> publishPending() {
        return schema.ready().chain(() -> pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<BudgetAlert> alerts = new ArrayList<>();
                    for (Row row : rows) {
                        alerts.add(read(row.getString("payload")));
                    }
                    if (alerts.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(alerts)
                            .onItem().transformToUniAndMerge(this::send)
                            .collect().last()
                            .chain(() -> connection.preparedQuery("UPDATE budget_alerts SET published_at = now() "
                                    + "WHERE alert_id = ANY($1)")
                                    .execute(Tuple.of(alerts.stream().map(BudgetAlert::alertId).toArray(String[]::new))))
                            .replaceWith(alerts.size());
                })));
    }

    private Uni<Void> send(BudgetAlert alert) {
        String subject = alert.tenantId() != null ? alert.tenantId() : alert.partitionKey();
        return topic.sendMessage(CloudEvents.event(EventType.BUDGET_ALERT, SOURCE, alert.alertId(),
                alert.partitionKey(), subject, alert))
                .invoke(() -> metrics.counter("switchboard.billing.budget.alerts", "threshold",
                        Integer.toString(alert.thresholdPercent()), "scope", alert.scope()).increment());
    }

    private static BudgetAlert read(String payload) {
        try {
            return EventJson.MAPPER.readValue(payload, BudgetAlert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert in the outbox is not readable", e);
        }
    }
}
