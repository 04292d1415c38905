package io.switchboard.ingress.tenancy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** An API key as stored: its hash and a short prefix to recognise it by, never the key itself. */
@Entity
@Table(name = "api_keys", indexes = @Index(name = "api_keys_tenant", columnList = "tenant_id"))
public class ApiKeyRecord {

    @Id
    @Column(length = 40)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, unique = true, length = 80)
    public String hash;

    @Column(nullable = false, length = 16)
    public String prefix;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
