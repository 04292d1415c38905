package io.switchboard.billing.usage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The ledger of usage events already counted, by CloudEvents id. Its primary key is what makes billing
 * exactly-once: a redelivered or re-produced event finds its id here and adds nothing.
 */
@Entity
@Table(name = "billed_events")
public class BilledEvent {

    @Id
    @Column(name = "event_id", length = 128)
    public String eventId;

    @Column(name = "job_id", nullable = false, length = 64)
    public String jobId;

    @Column(name = "tenant_id", nullable = false, length = 128)
    public String tenantId;

    @Column(name = "billed_at", nullable = false)
    public Instant billedAt;
}
