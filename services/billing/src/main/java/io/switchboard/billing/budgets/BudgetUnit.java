package io.switchboard.billing.budgets;

import java.util.Locale;

import io.switchboard.billing.money.Money;

/** What a budget limits: money (picodollars, {@link Money}) or total tokens. */
public enum BudgetUnit {
    USD, TOKENS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetUnit fromWire(String wire) {
        for (BudgetUnit unit : values()) {
            if (unit.wire().equals(wire)) {
                return unit;
            }
        }
        return null;
    }

    /** The amount of a usage in this unit: its cost in picodollars, or its total tokens. */
    public long amountOf(Money cost, long totalTokens) {
        return this == USD ? cost.picoUsd() : totalTokens;
    }
}
