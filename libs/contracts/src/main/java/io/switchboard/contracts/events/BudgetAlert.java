package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A budget's spend reached 50, 80 or 100 percent of its limit in one period. Topic
 * {@code switchboard.budget-alerts.v1}, keyed by tenant id, or by {@code model:<alias>} for a budget on a model
 * across all tenants (the operator's). Billing raises each threshold at most once per budget and period; a
 * record published again (after a crash between its commit and the broker's acknowledgement) keeps its
 * CloudEvents id and its {@code alert_id}, both made of budget, period and threshold.
 *
 * <p>{@code limit} and {@code spent} are whole numbers in the budget's unit: picodollars (10⁻¹² USD) when
 * {@code unit} is {@code usd}, tokens when it is {@code tokens}. {@code spent} is the period's spend when the
 * threshold was crossed, so it may exceed the threshold (one settlement can cross several at once).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BudgetAlert(
        int schemaVersion,
        String alertId,
        String budgetId,
        String scope,
        String tenantId,
        String apiKeyId,
        String model,
        String period,
        String timeZone,
        Instant periodStart,
        String unit,
        String enforcement,
        Long limit,
        Long spent,
        Integer thresholdPercent,
        String detail,
        Instant raisedAt) {

    public BudgetAlert {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(alertId, "alert_id");
        EventContract.required(budgetId, "budget_id");
        EventContract.required(scope, "scope");
        EventContract.required(period, "period");
        EventContract.required(timeZone, "time_zone");
        EventContract.required(periodStart, "period_start");
        EventContract.required(unit, "unit");
        EventContract.required(enforcement, "enforcement");
        EventContract.required(detail, "detail");
        EventContract.required(raisedAt, "raised_at");
        EventContract.required(limit, "limit");
        EventContract.required(spent, "spent");
        EventContract.required(thresholdPercent, "threshold_percent");
        if (limit < 0 || spent < 0) {
            throw new IllegalArgumentException("limit and spent must not be negative");
        }
        if (thresholdPercent != 50 && thresholdPercent != 80 && thresholdPercent != 100) {
            throw new IllegalArgumentException("threshold_percent must be 50, 80 or 100, not " + thresholdPercent);
        }
    }

    /** The id of the alert of {@code threshold} percent of a budget in the period starting at {@code periodStart}. */
    public static String alertIdFor(String budgetId, Instant periodStart, int threshold) {
        return budgetId + ":" + periodStart + ":" + threshold;
    }

    /** The key on the alerts topic: the tenant, or {@code model:<alias>} for a budget on a model across tenants. */
    public String partitionKey() {
        return tenantId == null ? "model:" + model : tenantId;
    }
}
