package io.switchboard.system;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A soft lifetime budget in money and one in tokens for each tenant of a scenario, made before its first job, so
 * that their spend is all the tenant's usage: the reconciliation compares it with the usage events. Limits are far
 * above any scenario's spend and the budgets soft, so they never refuse a job.
 */
final class ScenarioBudgets {

    /** The two budgets of one tenant, by id. */
    record TenantBudgets(String moneyBudget, String tokenBudget) {
    }

    /** One tenant's spend as billing's budgets hold it: picodollars and tokens. */
    record Spent(BigDecimal picoUsd, BigDecimal tokens) {
    }

    private final String billing;
    private final Map<String, TenantBudgets> byTenant = new LinkedHashMap<>();

    private ScenarioBudgets(String billing) {
        this.billing = billing;
    }

    /** Creates the budgets through billing's internal budgets API (the operator's). */
    static ScenarioBudgets create(ServiceProcess billing, Iterable<String> tenants) throws Exception {
        ScenarioBudgets budgets = new ScenarioBudgets(billing.baseUrl());
        for (String tenant : tenants) {
            budgets.byTenant.put(tenant, new TenantBudgets(budgets.create(tenant, "usd", "100000"),
                    budgets.create(tenant, "tokens", "1000000000000")));
        }
        return budgets;
    }

    private String create(String tenant, String unit, String limit) throws Exception {
        Api.Reply created = Api.send("POST", billing + "/internal/budgets", null, """
                {"scope":"tenant","tenant_id":"%s","period":"lifetime","unit":"%s","limit":"%s","enforcement":"soft"}"""
                .formatted(tenant, unit, limit));
        if (created.status() != 201) {
            throw new AssertionError("billing refused a budget: " + created.status() + " " + created.raw().body());
        }
        return created.body().path("id").asText();
    }

    /** What each tenant's budgets have spent in their (lifetime) period now. */
    Map<String, Spent> spent() throws Exception {
        Map<String, Spent> spent = new LinkedHashMap<>();
        for (Map.Entry<String, TenantBudgets> tenant : byTenant.entrySet()) {
            spent.put(tenant.getKey(), new Spent(spentOf(tenant.getValue().moneyBudget()),
                    spentOf(tenant.getValue().tokenBudget())));
        }
        return spent;
    }

    private BigDecimal spentOf(String budget) throws Exception {
        Api.Reply reply = Api.get(billing + "/internal/budgets/" + budget, null);
        if (reply.status() != 200) {
            throw new AssertionError("billing answered " + reply.status() + " for budget " + budget);
        }
        JsonNode spent = reply.body().path("current_period").path("spent");
        // no period row until the first settlement: nothing spent yet
        return spent.isMissingNode() || spent.isNull() ? BigDecimal.ZERO : new BigDecimal(spent.asText());
    }
}
