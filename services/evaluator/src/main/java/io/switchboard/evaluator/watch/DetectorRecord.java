package io.switchboard.evaluator.watch;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The stored state of one stratum's detector for one metric and check version, so that a restart or a
 * rebalance picks the watch up where it was instead of learning a new baseline.
 */
@Entity
@Table(name = "drift_detectors")
public class DetectorRecord {

    /** {@code <stratum>#<metric>#v<scorer version>}. */
    @Id
    @Column(columnDefinition = "text")
    public String id;

    @Column(nullable = false, columnDefinition = "text")
    public String stratum;

    @Column(nullable = false, length = 64)
    public String metric;

    @Column(name = "scorer_version", nullable = false)
    public int scorerVersion;

    /** The detector's exported state as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String state;

    /** The id of the open QUALITY_DEGRADED alarm, if one is open. */
    @Column(name = "open_alarm_id", length = 64)
    public String openAlarmId;

    @Column(nullable = false)
    public long samples;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
