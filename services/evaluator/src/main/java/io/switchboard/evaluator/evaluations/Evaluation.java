package io.switchboard.evaluator.evaluations;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One stored verdict as the API lists it. {@code outcome} is {@code passed}, {@code failed} or {@code unmeasured};
 * an unmeasured verdict (a judge reply that could not be read) has no {@code passed} nor {@code score}.
 */
public record Evaluation(String object, String jobId, String check, int scorerVersion, String outcome, Boolean passed,
        Double score, Double value, String detail, String tenantId, String route, String model, String variant,
        double samplingProbability, Instant evaluatedAt) {

    static final String SQL_COLUMNS = "id, job_id, check_name, scorer_version, tenant_id, route, model, variant, passed, "
            + "score, measured_value, detail, sampling_probability, unmeasured, evaluated_at";

    static Evaluation of(Row row) {
        boolean unmeasured = row.getBoolean("unmeasured");
        boolean passed = row.getBoolean("passed");
        return new Evaluation("evaluation", row.getString("job_id"), row.getString("check_name"),
                row.getInteger("scorer_version"), unmeasured ? "unmeasured" : passed ? "passed" : "failed",
                unmeasured ? null : passed, unmeasured ? null : row.getDouble("score"), row.getDouble("measured_value"),
                row.getString("detail"), row.getString("tenant_id"), row.getString("route"), row.getString("model"),
                row.getString("variant"), row.getDouble("sampling_probability"),
                row.getOffsetDateTime("evaluated_at").toInstant());
    }
}
