package io.switchboard.evaluator.evaluations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.switchboard.evaluator.api.SqlConditions;
import io.switchboard.evaluator.api.TimeWindow;

/**
 * Which stored scores a query covers. A null {@code tenant} means every tenant: only the ingress calls this API,
 * and it sends the caller's own tenant unless the caller holds the admin credential.
 */
public record ScoreFilter(String tenant, String route, String model, String variant, String check, TimeWindow window) {

    public SqlConditions conditions() {
        return new SqlConditions()
                .equal("tenant_id", tenant)
                .equal("route", route)
                .equal("model", model)
                .equal("variant", variant)
                .equal("check_name", check)
                .add("evaluated_at >= ?", utc(window.since()))
                .add("evaluated_at < ?", utc(window.until()));
    }

    static OffsetDateTime utc(java.time.Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
