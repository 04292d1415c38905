package io.switchboard.evaluator.judge;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One run of a judge over the gold set. Unique per rubric version and run key (the day, or {@code first}), so
 * that of several replicas only the one that claims the run makes it.
 */
@Entity
@Table(name = "judge_calibrations", uniqueConstraints = @UniqueConstraint(name = "judge_calibrations_run",
        columnNames = { "criterion", "rubric_version", "run_key" }))
public class CalibrationRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 48)
    public String criterion;

    @Column(name = "rubric_version", nullable = false)
    public int rubricVersion;

    @Column(name = "run_key", nullable = false, length = 32)
    public String runKey;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** Null while running, and for a run that could not ask every item (the judge failing): it decides nothing. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    public Double kappa;

    public Double agreement;

    public Integer measured;

    public Integer items;

    /** The gold items' mean score, 0 to 1: what the canary compares from run to run. */
    @Column(name = "mean_score")
    public Double meanScore;

    /** Whether the judge's drift may raise quality alarms after this run. */
    @Column(nullable = false)
    public boolean trusted;

    @Column(columnDefinition = "text")
    public String detail;
}
