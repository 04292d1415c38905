package io.switchboard.billing.reports;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a report may be grouped by: the allow-list that is the only way a name reaches the SQL. OpenAI's
 * {@code project_id}, {@code user_id} and {@code service_tier} are accepted so that OpenAI tooling works, and are
 * always null: a tenant is one organization without projects, users or tiers. {@code provider}, {@code route} and
 * {@code variant} are ours. {@code line_item} splits costs by model and price line, in Java, from the money columns.
 */
enum Dimension {
    PROJECT_ID("project_id", null),
    USER_ID("user_id", null),
    SERVICE_TIER("service_tier", null),
    API_KEY_ID("api_key_id", "api_key_id"),
    MODEL("model", "model"),
    BATCH("batch", "batch"),
    PROVIDER("provider", "provider"),
    ROUTE("route", "route"),
    VARIANT("variant", "variant"),
    LINE_ITEM("line_item", null);

    /** The name in {@code group_by} and in the results. */
    final String field;
    /** The ledger column it groups by; null when no column stands behind it. */
    final String column;

    Dimension(String field, String column) {
        this.field = field;
        this.column = column;
    }

    static Optional<Dimension> of(String field) {
        return Arrays.stream(values()).filter(dimension -> dimension.field.equals(field)).findFirst();
    }

    boolean grouped() {
        return column != null;
    }

    /** A key without an id, a call without a route or variant: null in ledger entries, '' in the rollups. */
    boolean blankMeansNone() {
        return this == API_KEY_ID || this == ROUTE || this == VARIANT;
    }
}
