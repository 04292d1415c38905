package io.switchboard.evaluator.evaluations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes verdicts straight into {@code evaluation_scores}, as the evaluator's checks and judges store them. */
public final class StoredScores {

    private final Pool database;

    public StoredScores(Pool database) {
        this.database = database;
    }

    /** A verdict of its own job, to be completed by the builder's setters and then {@link Score#store()}d. */
    public Score score(String tenant, String check, Instant at) {
        return new Score(tenant, check, at);
    }

    public final class Score {
        private final String tenant;
        private final String check;
        private final Instant at;
        private String jobId = "job_" + UUID.randomUUID();
        private String route = "support-bot";
        private String model = "sim-small";
        private String variant = "stable";
        private boolean passed = true;
        private double score = 1.0;
        private Double value;
        private String detail = "ok";
        private double probability = 1.0;
        private boolean unmeasured;
        private int version = 1;

        private Score(String tenant, String check, Instant at) {
            this.tenant = tenant;
            this.check = check;
            this.at = at;
        }

        public Score route(String route) {
            this.route = route;
            return this;
        }

        public Score model(String model) {
            this.model = model;
            return this;
        }

        public Score variant(String variant) {
            this.variant = variant;
            return this;
        }

        public Score passed(boolean passed) {
            this.passed = passed;
            this.score = passed ? 1.0 : 0.0;
            return this;
        }

        public Score score(double score) {
            this.score = score;
            return this;
        }

        public Score value(double value) {
            this.value = value;
            return this;
        }

        public Score detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Score sampledWith(double probability) {
            this.probability = probability;
            return this;
        }

        /** A judge reply that could not be read: what the row says of passing and score means nothing. */
        public Score unmeasured() {
            this.unmeasured = true;
            this.passed = false;
            this.score = 0.0;
            return this;
        }

        public String store() {
            database.preparedQuery("""
                    INSERT INTO evaluation_scores (job_id, check_name, tenant_id, model, passed, score, detail,
                        evaluated_at, route, variant, measured_value, scorer_version, sampling_probability, unmeasured)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
                    .execute(Tuple.tuple().addValue(jobId).addValue(check).addValue(tenant).addValue(model)
                            .addValue(passed).addValue(score).addValue(detail)
                            .addValue(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).addValue(route).addValue(variant)
                            .addValue(value).addValue(version).addValue(probability).addValue(unmeasured))
                    .await().indefinitely();
            return jobId;
        }
    }
}
