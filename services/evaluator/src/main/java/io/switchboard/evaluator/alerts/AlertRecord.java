package io.switchboard.evaluator.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One quality alert as read from {@code switchboard.quality.alerts.v1}, kept so tenants and operators can list
 * alerts after the fact. Keyed by the event's id: a redelivered or republished alert is the same row. Written and
 * read with SQL ({@link AlertStore}); the entity declares the table and its indexes.
 */
@Entity
@Table(name = "quality_alerts", indexes = {
        @Index(name = "quality_alerts_tenant_time", columnList = "tenant_id, raised_at, event_id"),
        @Index(name = "quality_alerts_time", columnList = "raised_at, event_id"),
        // a QUALITY_DEGRADED is open until a QUALITY_RECOVERED of the same alarm is stored
        @Index(name = "quality_alerts_alarm", columnList = "alarm_id, kind") })
public class AlertRecord {

    @Id
    @Column(name = "event_id", length = 256)
    public String eventId;

    @Column(name = "alarm_id", nullable = false, length = 128)
    public String alarmId;

    @Column(nullable = false, length = 32)
    public String kind;

    /** Null for an alert about the evaluator as a whole, which only the admin sees. */
    @Column(name = "tenant_id", length = 128)
    public String tenantId;

    @Column(length = 256)
    public String route;

    @Column(length = 256)
    public String model;

    @Column(length = 128)
    public String variant;

    @Column(length = 128)
    public String metric;

    public Double baseline;

    @Column(name = "current_value")
    public Double current;

    public Double effect;

    @Column(name = "p_value")
    public Double pValue;

    @Column(name = "change_estimated_at")
    public Instant changeEstimatedAt;

    @Column(name = "samples_since_change")
    public Long samplesSinceChange;

    /** The example job ids as a JSON array. */
    @Column(name = "example_job_ids", columnDefinition = "text")
    public String exampleJobIds;

    @Column(nullable = false, columnDefinition = "text")
    public String detail;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;
}
