package io.switchboard.ingress.jobs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The job view: a projection of the job's events, kept so that callers can read a job without
 * scanning Kafka. Kafka stays the record of truth; this row can always be rebuilt from it.
 */
@Entity
@Table(name = "jobs", indexes = @Index(name = "jobs_tenant_created", columnList = "tenant_id, created_at"))
public class JobRecord {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    @Column(length = 256)
    public String model;

    @Column(name = "session_id", length = 128)
    public String sessionId;

    @Column(nullable = false, length = 16)
    public String status;

    /** Statuses only move forward; the projection compares ranks so late or repeated events change nothing. */
    @Column(name = "status_rank", nullable = false)
    public int statusRank;

    /** The OpenAI chat.completion, as JSON text. */
    @Column(columnDefinition = "text")
    public String result;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
