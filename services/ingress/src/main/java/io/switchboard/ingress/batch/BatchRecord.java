package io.switchboard.ingress.batch;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A batch. This class declares the table (Hibernate's schema management creates it); {@link BatchStore}
 * and the progress steps read and write it with SQL, for row locks shared by all replicas
 * ({@code FOR UPDATE SKIP LOCKED}) and conditional status changes.
 */
@Entity
@Table(name = "batches", indexes = {
        @Index(name = "batches_tenant_created", columnList = "tenant_id, created_at"),
        @Index(name = "batches_status", columnList = "status") })
public class BatchRecord {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    /** Id of the API key that created the batch (never the key): its lines are that key's jobs. */
    @Column(name = "api_key_id", length = 64)
    public String apiKeyId;

    @Column(nullable = false, length = 64)
    public String endpoint;

    @Column(name = "input_file_id", nullable = false, length = 64)
    public String inputFileId;

    @Column(name = "completion_window", nullable = false, length = 16)
    public String completionWindow;

    /** OpenAI's batch status: validating, in_progress, finalizing, completed, failed, cancelling, cancelled, expired. */
    @Column(nullable = false, length = 16)
    public String status;

    /** The caller's metadata, as a JSON object. */
    @Column(columnDefinition = "text")
    public String metadata;

    /** Why the batch failed as a whole (its input file was unusable), as a JSON array of OpenAI batch errors. */
    @Column(columnDefinition = "text")
    public String errors;

    @Column(name = "output_file_id", length = 64)
    public String outputFileId;

    @Column(name = "error_file_id", length = 64)
    public String errorFileId;

    @Column(name = "total_count", nullable = false)
    public int totalCount;

    @Column(name = "completed_count", nullable = false)
    public int completedCount;

    @Column(name = "failed_count", nullable = false)
    public int failedCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "in_progress_at")
    public Instant inProgressAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "finalizing_at")
    public Instant finalizingAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "cancelling_at")
    public Instant cancellingAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
