package io.switchboard.billing.budgets;

import java.util.Locale;

/** What a budget covers. */
public enum BudgetScope {
    /** All of one tenant's usage. */
    TENANT,
    /** One API key of one tenant, by its id. */
    API_KEY,
    /** One tenant on one model alias. */
    TENANT_MODEL,
    /** One model alias across all tenants: the operator's budget. */
    MODEL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetScope fromWire(String wire) {
        for (BudgetScope scope : values()) {
            if (scope.wire().equals(wire)) {
                return scope;
            }
        }
        return null;
    }
}
