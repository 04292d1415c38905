package io.switchboard.ingress.files;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * An uploaded or generated file, its bytes included. This class declares the table (Hibernate's schema
 * management creates it); {@link FileStore} reads and writes it with SQL, so that listing files never
 * loads their content and batch outputs are written in the batch's own transaction.
 */
@Entity
@Table(name = "files", indexes = @Index(name = "files_tenant_created", columnList = "tenant_id, created_at"))
public class FileRecord {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    @Column(nullable = false, length = 256)
    public String filename;

    /** OpenAI's purpose: {@code batch} for uploads, {@code batch_output} for a batch's results. */
    @Column(nullable = false, length = 32)
    public String purpose;

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false, columnDefinition = "bytea")
    public byte[] content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
