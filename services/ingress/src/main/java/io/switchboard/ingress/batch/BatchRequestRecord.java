package io.switchboard.ingress.batch;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One line of a batch's input file and what became of it. This class declares the table (Hibernate's
 * schema management creates it); the progress steps read and write it with SQL. The job id is chosen
 * when the line is validated, so a line submitted twice (its submitter died) is still one job.
 */
@Entity
@Table(name = "batch_requests",
        uniqueConstraints = @UniqueConstraint(name = "batch_requests_line", columnNames = { "batch_id", "line_no" }),
        indexes = @Index(name = "batch_requests_batch_status", columnList = "batch_id, status"))
public class BatchRequestRecord {

    /** The {@code batch_req_...} id of the line's entry in the output or error file. */
    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "batch_id", nullable = false, length = 64)
    public String batchId;

    /** 1-based line number in the input file. */
    @Column(name = "line_no", nullable = false)
    public int lineNo;

    /** Null only when the line was too malformed to tell. */
    @Column(name = "custom_id", columnDefinition = "text")
    public String customId;

    /** The job the line runs as; null when the line was rejected. */
    @Column(name = "job_id", length = 64)
    public String jobId;

    /**
     * pending, submitting (claimed by a replica until {@link #leaseUntil}), submitted, succeeded or failed
     * (the job's outcome), rejected (never a job), cancelled, expired.
     */
    @Column(nullable = false, length = 16)
    public String status;

    /** The chat-completions request to submit, as JSON. */
    @Column(columnDefinition = "text")
    public String body;

    /** Why the line did not run (rejected, cancelled, expired); a job's own error stays in the job view. */
    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    @Column(name = "lease_until")
    public Instant leaseUntil;
}
