package io.switchboard.billing.budgets;

import java.time.Instant;
import java.time.ZoneId;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A budget as stored. {@code limit} is in the unit: picodollars for {@code usd}, tokens for {@code tokens}.
 * Scope, period, time zone and unit are fixed at creation; only limit and enforcement can change (see README).
 */
public record Budget(String id, BudgetScope scope, String tenantId, String apiKeyId, String model,
        BudgetPeriod period, ZoneId timeZone, BudgetUnit unit, long limit, Enforcement enforcement,
        Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "id, scope, tenant_id, api_key_id, model, period, time_zone, unit, limit_amount, "
            + "enforcement, created_at, updated_at";

    static Budget from(Row row) {
        return new Budget(row.getString("id"), BudgetScope.fromWire(row.getString("scope")),
                row.getString("tenant_id"), row.getString("api_key_id"), row.getString("model"),
                BudgetPeriod.fromWire(row.getString("period")), ZoneId.of(row.getString("time_zone")),
                BudgetUnit.fromWire(row.getString("unit")), row.getLong("limit_amount"),
                Enforcement.fromWire(row.getString("enforcement")),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    /** Whether usage of this tenant, key and model alias counts against this budget. */
    public boolean appliesTo(String tenant, String key, String alias) {
        return switch (scope) {
            case TENANT -> tenantId.equals(tenant);
            case API_KEY -> tenantId.equals(tenant) && apiKeyId.equals(key);
            case TENANT_MODEL -> tenantId.equals(tenant) && model.equals(alias);
            case MODEL -> model.equals(alias);
        };
    }

    public Instant periodStart(Instant at) {
        return period.startOf(at, timeZone);
    }
}
