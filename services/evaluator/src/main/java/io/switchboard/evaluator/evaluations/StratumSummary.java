package io.switchboard.evaluator.evaluations;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.vertx.mutiny.sqlclient.Row;

/** The statistics of one check (at one scorer version) in one stratum: tenant, route, model, variant. */
public record StratumSummary(String tenantId, String route, String model, String variant, String check,
        int scorerVersion, @JsonUnwrapped CheckStatistics statistics) {

    static StratumSummary of(Row row) {
        return new StratumSummary(row.getString("tenant_id"), row.getString("route"), row.getString("model"),
                row.getString("variant"), row.getString("check_name"), row.getInteger("scorer_version"),
                CheckStatistics.of(row));
    }
}
