package io.switchboard.contracts.events;

/**
 * The stratum key {@code <tenant>|<route>|<model>|<variant>}, {@code -} for a part that does not apply (a job
 * sent to a model directly has no route nor variant). One format for every producer and reader of the key.
 */
public final class Strata {

    static final String NONE = "-";

    private Strata() {
    }

    public static String of(String tenantId, String route, String model, String variant) {
        return part(tenantId) + "|" + part(route) + "|" + part(model) + "|" + part(variant);
    }

    private static String part(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
