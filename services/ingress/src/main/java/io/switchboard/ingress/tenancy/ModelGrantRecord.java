package io.switchboard.ingress.tenancy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's access to one model alias (subscription approval). */
@Entity
@Table(name = "model_grants")
public class ModelGrantRecord {

    /** {@code <tenant>/<alias>}: one grant per pair. */
    @Id
    @Column(length = 330)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, length = 256)
    public String model;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    static String idOf(String tenantId, String model) {
        return tenantId + "/" + model;
    }
}
