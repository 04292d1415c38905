package io.switchboard.ingress.budgets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Billing refused a reservation (its 429): a hard budget cannot take the job's worst case. Carries billing's body for
 * the log only: the caller is told its quota is exceeded, never which budget (a model budget is the operator's).
 */
final class BudgetRefusal extends RuntimeException {

    private final transient JsonNode body;

    BudgetRefusal(JsonNode body) {
        super("refused by a hard budget", null, false, false);
        this.body = body;
    }

    /**
     * Billing's view of the refusing budget when it refused, for the log (the operator's, never the caller's):
     * {@code budget=<id> limit=<amount> spent=<amount> reserved=<amount> asked=<amount>}, in the budget's unit.
     * {@code HardBudgetIT} reads these lines to show that each refusal was one that did not fit.
     */
    String describe() {
        JsonNode budget = body == null ? null : body.path("budget");
        if (budget == null || budget.isMissingNode()) {
            return "budget=unknown";
        }
        return "budget=" + budget.path("id").asText() + " unit=" + budget.path("unit").asText() + " limit="
                + budget.path("limit_amount").asText() + " spent=" + budget.path("spent").asText() + " reserved="
                + budget.path("reserved").asText() + " asked=" + budget.path("asked").asText();
    }
}
