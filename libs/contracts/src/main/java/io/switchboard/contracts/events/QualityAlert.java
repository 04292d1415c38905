package io.switchboard.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * The evaluator raising or clearing an alarm about quality, or about itself. Topic
 * {@code switchboard.quality.alerts.v1}, keyed by stratum ({@link Strata}), or by {@code evaluator} for an
 * alarm about the evaluator as a whole.
 *
 * <p>A {@code QUALITY_DEGRADED} stays open for its stratum and metric until a {@code QUALITY_RECOVERED} with the
 * same {@code alarm_id} clears it; no second one is raised meanwhile. The statistics say what was compared:
 * the frozen baseline's value of the metric (a failure rate, or a mean), its value since the change, their
 * signed difference ({@code effect}, current minus baseline, in the
 * metric's unit), the confirming test's p-value (Bonferroni-corrected for the number of metrics tested), where
 * the change detector placed the change, and how many scores of the stratum came after it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityAlert(
        int schemaVersion,
        String alarmId,
        QualityAlertKind kind,
        String tenantId,
        String route,
        String model,
        String variant,
        String metric,
        Double baseline,
        Double current,
        Double effect,
        Double pValue,
        Instant changeEstimatedAt,
        Long samplesSinceChange,
        List<String> exampleJobIds,
        String detail,
        Instant raisedAt) {

    public QualityAlert {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(alarmId, "alarm_id");
        EventContract.required(kind, "kind");
        EventContract.required(detail, "detail");
        EventContract.required(raisedAt, "raised_at");
        exampleJobIds = exampleJobIds == null ? null : List.copyOf(exampleJobIds);
    }

    /** The key on the alerts topic: the stratum, or {@code evaluator} when the alarm is not about one. */
    public String partitionKey() {
        return tenantId == null ? "evaluator" : Strata.of(tenantId, route, model, variant);
    }
}
