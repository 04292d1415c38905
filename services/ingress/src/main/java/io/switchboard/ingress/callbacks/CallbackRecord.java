package io.switchboard.ingress.callbacks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The callback of one job: where to POST the finished job, and how its deliveries went. It waits until
 * the job finishes, is then due, and is attempted until delivered or out of attempts.
 */
@Entity
@Table(name = "callbacks", indexes = @Index(name = "callbacks_due", columnList = "state, next_attempt_at"))
public class CallbackRecord {

    @Id
    @Column(name = "job_id", length = 64)
    public String jobId;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, length = 2048)
    public String url;

    /** waiting (for the job), due, delivered, failed (attempts exhausted). */
    @Column(nullable = false, length = 16)
    public String state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Every attempt as a JSON array of {at, status, error}, shown on the job. */
    @Column(name = "attempt_log", columnDefinition = "text", nullable = false)
    public String attemptLog;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
