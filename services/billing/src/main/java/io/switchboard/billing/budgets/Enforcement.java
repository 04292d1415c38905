package io.switchboard.billing.budgets;

import java.util.Locale;

/** Hard budgets refuse requests that would pass their limit (reservations); soft ones only alert. */
public enum Enforcement {
    HARD, SOFT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Enforcement fromWire(String wire) {
        for (Enforcement enforcement : values()) {
            if (enforcement.wire().equals(wire)) {
                return enforcement;
            }
        }
        return null;
    }
}
