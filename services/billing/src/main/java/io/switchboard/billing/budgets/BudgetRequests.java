package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Set;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.money.Money;

/** The admin API's request bodies, validated: everything refused here is a 400 naming its field. */
final class BudgetRequests {

    private static final Set<String> CREATE_FIELDS = Set.of("scope", "tenant_id", "api_key_id", "model", "period",
            "time_zone", "unit", "limit", "enforcement");
    private static final Set<String> UPDATE_FIELDS = Set.of("limit", "enforcement");

    private BudgetRequests() {
    }

    /** A budget to create, as asked; {@code limit} already in the unit (picodollars or tokens). */
    record NewBudget(BudgetScope scope, String tenantId, String apiKeyId, String model, BudgetPeriod period,
            ZoneId timeZone, BudgetUnit unit, long limit, Enforcement enforcement) {
    }

    /** A change of limit or enforcement; null where unchanged. */
    record BudgetChange(BigDecimal limit, Enforcement enforcement) {
    }

    static NewBudget create(String body) {
        BudgetJson json = BudgetJson.read(body, CREATE_FIELDS);
        BudgetScope scope = oneOf(json, "scope", BudgetScope.fromWire(json.requiredText("scope")),
                "tenant, api_key, tenant_model or model");
        String tenant = json.text("tenant_id");
        String key = json.text("api_key_id");
        String model = json.text("model");
        requiredExactlyWhen(json, "tenant_id", scope != BudgetScope.MODEL, scope);
        requiredExactlyWhen(json, "api_key_id", scope == BudgetScope.API_KEY, scope);
        requiredExactlyWhen(json, "model", scope == BudgetScope.TENANT_MODEL || scope == BudgetScope.MODEL, scope);
        BudgetPeriod period = oneOf(json, "period", BudgetPeriod.fromWire(json.requiredText("period")),
                "daily, monthly or lifetime");
        ZoneId zone = timeZone(json.text("time_zone"));
        BudgetUnit unit = oneOf(json, "unit", BudgetUnit.fromWire(json.requiredText("unit")), "usd or tokens");
        long limit = limit(json.requiredDecimal("limit"), unit);
        Enforcement enforcement = oneOf(json, "enforcement", Enforcement.fromWire(json.requiredText("enforcement")),
                "hard or soft");
        return new NewBudget(scope, tenant, key, model, period, zone, unit, limit, enforcement);
    }

    static BudgetChange change(String body) {
        BudgetJson json = BudgetJson.read(body, UPDATE_FIELDS);
        if (!json.has("limit") && !json.has("enforcement")) {
            throw new InvalidRequest("Give 'limit', 'enforcement' or both; nothing else of a budget changes.",
                    null, "missing_required_parameter");
        }
        BigDecimal limit = json.has("limit") ? json.requiredDecimal("limit") : null;
        Enforcement enforcement = json.has("enforcement")
                ? oneOf(json, "enforcement", Enforcement.fromWire(json.requiredText("enforcement")), "hard or soft")
                : null;
        return new BudgetChange(limit, enforcement);
    }

    /** The limit in the unit: dollars to picodollars exactly (at most 12 decimals), tokens as a whole number. */
    static long limit(BigDecimal limit, BudgetUnit unit) {
        try {
            long amount = unit == BudgetUnit.USD ? Money.usd(limit).picoUsd() : limit.longValueExact();
            if (amount >= 0) {
                return amount;
            }
        } catch (ArithmeticException notExact) {
            // answered below
        }
        throw new InvalidRequest(unit == BudgetUnit.USD
                ? "'limit' must be an amount of US dollars of at least 0 with at most 12 decimals, such as \"25.00\"."
                : "'limit' must be a whole number of tokens of at least 0.", "limit", "invalid_value");
    }

    private static ZoneId timeZone(String id) {
        if (id == null) {
            return ZoneId.of("UTC");
        }
        // IANA region ids only: a fixed offset such as +02:00 would put midnight in the wrong place half the year
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new InvalidRequest("'time_zone' must be an IANA time zone id such as Europe/Paris or UTC.",
                    "time_zone", "invalid_value");
        }
        return ZoneId.of(id);
    }

    private static void requiredExactlyWhen(BudgetJson json, String field, boolean required, BudgetScope scope) {
        if (required && !json.has(field)) {
            throw InvalidRequest.missing(field);
        }
        if (!required && json.has(field)) {
            throw new InvalidRequest("'" + field + "' does not apply to a budget of scope '" + scope.wire()
                    + "'.", field, "invalid_value");
        }
    }

    private static <T> T oneOf(BudgetJson json, String field, T value, String allowed) {
        if (value == null) {
            throw new InvalidRequest("'" + field + "' must be one of " + allowed + ".", field, "invalid_value");
        }
        return value;
    }
}
