package io.switchboard.ingress.tenancy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "tenants")
public class TenantRecord {

    @Id
    @Column(length = 64)
    public String id;

    @Column(nullable = false, length = 256)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The tenant's own limits; null means the default of {@code switchboard.ingress.limits}. */
    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    public Integer tokensPerMinute;

    @Column(name = "max_concurrent_jobs")
    public Integer maxConcurrentJobs;

    @Column(name = "max_tokens")
    public Integer maxTokens;

    /** Signs the tenant's job callbacks; a shared secret, so kept as is (not hashed), and never logged. */
    @Column(name = "webhook_secret", length = 80)
    public String webhookSecret;
}
