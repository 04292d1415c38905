package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.money.Money;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.BudgetAlert;
import io.switchboard.contracts.serde.EventJson;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The alert marks and the outbox, one table: a row per (budget, period, threshold) fired, inserted in the
 * settlement's transaction with conflict-skipping, so a threshold fires once per period whatever the restarts,
 * replicas or retried flushes; its payload waits there for {@link BudgetAlertPublisher}.
 */
@ApplicationScoped
public class BudgetAlerts {

    static final int[] THRESHOLDS = { 50, 80, 100 };

    private static final String FIRE = """
            INSERT INTO budget_alerts (budget_id, period_start, threshold, alert_id, topic_key, payload)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int4[], $4::text[], $5::text[], $6::text[])
            ON CONFLICT DO NOTHING
            """;

    /** A threshold that a period's spend has reached. */
    record Reached(Budget budget, Instant periodStart, int threshold, BigDecimal spent) {
    }

    Uni<Void> raise(SqlConnection connection, List<Reached> reached) {
        if (reached.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = reached.size();
        String[] budgets = new String[n], ids = new String[n], keys = new String[n], payloads = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        Integer[] thresholds = new Integer[n];
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            BudgetAlert alert = alertOf(reached.get(i), now);
            budgets[i] = alert.budgetId();
            starts[i] = alert.periodStart().atOffset(ZoneOffset.UTC);
            thresholds[i] = alert.thresholdPercent();
            ids[i] = alert.alertId();
            keys[i] = alert.partitionKey();
            payloads[i] = json(alert);
        }
        return connection.preparedQuery(FIRE).execute(Tuple.of(budgets, starts, thresholds, ids, keys, payloads))
                .replaceWithVoid();
    }

    static BudgetAlert alertOf(Reached reached, Instant now) {
        Budget budget = reached.budget();
        // beyond ~$9.2 million in one period the event says the largest amount it can carry, rather than fail the flush
        long spent = reached.spent().min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
        String subject = switch (budget.scope()) {
            case TENANT -> "tenant " + budget.tenantId();
            case API_KEY -> "API key " + budget.apiKeyId() + " of tenant " + budget.tenantId();
            case TENANT_MODEL -> "tenant " + budget.tenantId() + " on model " + budget.model();
            case MODEL -> "model " + budget.model();
        };
        String detail = "Budget " + budget.id() + " (" + budget.period().wire() + ", " + subject + ") reached "
                + reached.threshold() + "% of its limit of " + amount(budget.unit(), budget.limit()) + ": "
                + amount(budget.unit(), spent) + " spent in the period starting "
                + reached.periodStart().atZone(budget.timeZone()).toLocalDateTime() + " " + budget.timeZone() + ".";
        return new BudgetAlert(EventType.SCHEMA_VERSION,
                BudgetAlert.alertIdFor(budget.id(), reached.periodStart(), reached.threshold()), budget.id(),
                budget.scope().wire(), budget.tenantId(), budget.apiKeyId(), budget.model(), budget.period().wire(),
                budget.timeZone().getId(), reached.periodStart(), budget.unit().wire(), budget.enforcement().wire(),
                budget.limit(), spent, reached.threshold(), detail, now);
    }

    private static String amount(BudgetUnit unit, long amount) {
        return unit == BudgetUnit.USD ? "$" + new Money(amount).shown().toPlainString() : amount + " tokens";
    }

    private static String json(BudgetAlert alert) {
        try {
            return EventJson.MAPPER.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a budget alert could not be written as JSON", e);
        }
    }
}
