package io.switchboard.billing.usage;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Tokens of one tenant and model within one UTC hour, summed over the billed events. The index serves
 * the tenant's listing, since Hibernate orders the primary key's columns by name, not tenant first.
 */
@Entity
@Table(name = "usage_hourly", indexes = @Index(name = "usage_hourly_tenant_hour", columnList = "tenant_id, hour, model"))
@IdClass(UsageHourly.Key.class)
public class UsageHourly {

    @Id
    @Column(name = "tenant_id", length = 128)
    public String tenantId;

    @Id
    @Column(length = 256)
    public String model;

    /** The start of the hour, in UTC. */
    @Id
    @Column(name = "hour")
    public Instant hour;

    @Column(name = "prompt_tokens", nullable = false)
    public long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    public long completionTokens;

    @Column(name = "total_tokens", nullable = false)
    public long totalTokens;

    /** Jobs of the hour, those answered from the response cache included. */
    @Column(nullable = false)
    public long requests;

    /** Jobs answered from the response cache: no provider call, so no tokens billed. */
    @Column(name = "cache_hits", nullable = false, columnDefinition = "bigint not null default 0")
    public long cacheHits;

    /** Tokens the cache hits would have cost: spend saved, shown apart from spend. */
    @Column(name = "saved_tokens", nullable = false, columnDefinition = "bigint not null default 0")
    public long savedTokens;

    public static class Key implements Serializable {

        public String tenantId;
        public String model;
        public Instant hour;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(model, key.model) && Objects.equals(hour, key.hour);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, model, hour);
        }
    }
}
