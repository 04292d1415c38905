package io.switchboard.evaluator.judge;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * The table behind {@link JudgeQueue}: one row per sampled job and judge, kept from the moment the result is
 * scored until the verdict is stored, so a crash, a redeploy or a paused judge loses no task. Unique per job,
 * criterion and rubric version: a redelivered result queues nothing twice.
 */
@Entity
@Table(name = "judge_tasks",
        uniqueConstraints = @UniqueConstraint(name = "judge_tasks_job_criterion_version",
                columnNames = { "job_id", "criterion", "rubric_version" }),
        indexes = @Index(name = "judge_tasks_state_created", columnList = "state, created_at"))
public class JudgeTaskRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false, length = 64)
    public String jobId;

    @Column(nullable = false, length = 48)
    public String criterion;

    @Column(name = "rubric_version", nullable = false)
    public int rubricVersion;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    @Column(length = 256)
    public String model;

    @Column(length = 256)
    public String route;

    @Column(length = 128)
    public String variant;

    @Column(columnDefinition = "text")
    public String prompt;

    @Column(columnDefinition = "text")
    public String answer;

    @Column(name = "sampling_probability", nullable = false)
    public double samplingProbability;

    /** pending, running (leased to a replica), done, failed (gave up), expired (past the backfill bound). */
    @Column(nullable = false, length = 16)
    public String state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;
}
