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
}
