package io.switchboard.evaluator.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.contracts.serde.EventJson;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A stored alert as the API lists it: the event's fields, its event {@code id}, and for a {@code QUALITY_DEGRADED}
 * its {@code state} ({@code open} or {@code cleared}, with {@code cleared_at} the recovery's time).
 */
public record StoredAlert(String object, String id, String alarmId, String kind, String state, Instant clearedAt,
        String tenantId, String route, String model, String variant, String metric, Double baseline, Double current,
        Double effect, Double pValue, Instant changeEstimatedAt, Long samplesSinceChange, List<String> exampleJobIds,
        String detail, Instant raisedAt) {

    private static final TypeReference<List<String>> JOB_IDS = new TypeReference<>() {
    };

    static StoredAlert of(Row row) {
        Instant clearedAt = instant(row.getOffsetDateTime("cleared_at"));
        String state = !"QUALITY_DEGRADED".equals(row.getString("kind")) ? null
                : clearedAt == null ? AlertState.OPEN.wireName() : AlertState.CLEARED.wireName();
        return new StoredAlert("quality.alert", row.getString("event_id"), row.getString("alarm_id"),
                row.getString("kind"), state, clearedAt, row.getString("tenant_id"), row.getString("route"),
                row.getString("model"), row.getString("variant"), row.getString("metric"), row.getDouble("baseline"),
                row.getDouble("current_value"), row.getDouble("effect"), row.getDouble("p_value"),
                instant(row.getOffsetDateTime("change_estimated_at")), row.getLong("samples_since_change"),
                jobIds(row.getString("example_job_ids")), row.getString("detail"),
                instant(row.getOffsetDateTime("raised_at")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static List<String> jobIds(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, JOB_IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored example job ids are not a JSON array", e);
        }
    }
}
