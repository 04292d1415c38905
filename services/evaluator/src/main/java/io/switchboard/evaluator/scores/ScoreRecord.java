package io.switchboard.evaluator.scores;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.hibernate.annotations.ColumnDefault;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;

/**
 * One check's verdict on one job. The unique (job_id, check_name, scorer_version) makes storing idempotent
 * under redelivery, and, job id first, also serves the lookup of a job's scores.
 */
@Entity
@Table(name = "evaluation_scores", uniqueConstraints = @UniqueConstraint(name = "evaluation_scores_job_check_version",
        columnNames = { "job_id", "check_name", "scorer_version" }), indexes = {
                // the API's pages, newest first by keyset: one tenant's, and all tenants' for the admin
                @Index(name = "evaluation_scores_tenant_time", columnList = "tenant_id, evaluated_at, id"),
                @Index(name = "evaluation_scores_time", columnList = "evaluated_at, id"),
                // a route's variant comparison over a window
                @Index(name = "evaluation_scores_route_time", columnList = "route, evaluated_at") })
public class ScoreRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false, length = 64)
    public String jobId;

    @Column(name = "check_name", nullable = false, length = 64)
    public String checkName;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    @Column(length = 256)
    public String model;

    @Column(nullable = false)
    public boolean passed;

    @Column(nullable = false)
    public double score;

    @Column(columnDefinition = "text")
    public String detail;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(length = 256)
    public String route;

    @Column(length = 128)
    public String variant;

    /** What the check measured (characters, milliseconds), for checks that measure. */
    @Column(name = "measured_value")
    public Double value;

    // defaults in the database too: a table created before these columns gets them on rows it already has
    @Column(name = "scorer_version", nullable = false)
    @ColumnDefault("1")
    public int scorerVersion = 1;

    @Column(name = "sampling_probability", nullable = false)
    @ColumnDefault("1.0")
    public double samplingProbability = 1.0;

    /**
     * A judge whose reply could not be read gave no verdict: the row records that it was asked, its
     * {@code passed} and {@code score} mean nothing, and it is left out of every rate and mean, never counted as 0.
     */
    @Column(nullable = false)
    @ColumnDefault("false")
    public boolean unmeasured;

    public EvaluationScored toEvent() {
        return new EvaluationScored(EventType.SCHEMA_VERSION, jobId, tenantId, model, checkName, passed, score, detail,
                evaluatedAt, route, variant, value, scorerVersion, samplingProbability);
    }
}
