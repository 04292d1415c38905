package io.switchboard.evaluator.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.api.Cursor;
import io.switchboard.evaluator.api.SqlConditions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The stored alerts: written once per event id, read in pages newest first by keyset on (raised_at, event_id). */
@ApplicationScoped
public class AlertStore {

    private static final String INSERT = """
            INSERT INTO quality_alerts (event_id, alarm_id, kind, tenant_id, route, model, variant, metric, baseline,
                                        current_value, effect, p_value, change_estimated_at, samples_since_change,
                                        example_job_ids, detail, raised_at, stored_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            ON CONFLICT (event_id) DO NOTHING
            """;

    /** Each alert with the time its alarm cleared, if it is a QUALITY_DEGRADED whose recovery is stored. */
    private static final String WITH_CLEARING = """
            (SELECT a.*, CASE WHEN a.kind = 'QUALITY_DEGRADED' THEN
                        (SELECT min(r.raised_at) FROM quality_alerts r
                         WHERE r.alarm_id = a.alarm_id AND r.kind = 'QUALITY_RECOVERED') END AS cleared_at
             FROM quality_alerts a) alerts""";

    private final Pool database;

    AlertStore(Pool database) {
        this.database = database;
    }

    /** Stores the alert under its event id; true when it was not stored before. */
    public Uni<Boolean> save(String eventId, QualityAlert alert) {
        Tuple values = Tuple.of(eventId, alert.alarmId(), alert.kind().wireName())
                .addValue(alert.tenantId()).addValue(alert.route()).addValue(alert.model()).addValue(alert.variant())
                .addValue(alert.metric()).addValue(alert.baseline()).addValue(alert.current())
                .addValue(alert.effect()).addValue(alert.pValue()).addValue(utc(alert.changeEstimatedAt()))
                .addValue(alert.samplesSinceChange()).addValue(json(alert.exampleJobIds())).addValue(alert.detail())
                .addValue(utc(alert.raisedAt())).addValue(utc(Instant.now()));
        return database.preparedQuery(INSERT).execute(values).map(rows -> rows.rowCount() == 1);
    }

    Uni<AlertPage> page(AlertFilter filter, Cursor after, int limit) {
        SqlConditions conditions = new SqlConditions()
                .equal("tenant_id", filter.tenant())
                .equal("kind", filter.kind() == null ? null : filter.kind().wireName())
                .equal("route", filter.route())
                .equal("model", filter.model())
                .equal("variant", filter.variant())
                .equal("metric", filter.metric());
        if (filter.state() != null) {
            conditions.add("kind = 'QUALITY_DEGRADED' AND cleared_at IS "
                    + (filter.state() == AlertState.OPEN ? "NULL" : "NOT NULL"));
        }
        if (filter.since() != null) {
            conditions.add("raised_at >= ?", utc(filter.since()));
        }
        if (filter.until() != null) {
            conditions.add("raised_at < ?", utc(filter.until()));
        }
        if (after != null) {
            conditions.add("(raised_at, event_id) < (?, ?)", utc(after.at()), after.id());
        }
        String sql = "SELECT * FROM " + WITH_CLEARING + conditions.where()
                + " ORDER BY raised_at DESC, event_id DESC LIMIT " + conditions.bind(limit + 1);
        return database.preparedQuery(sql).execute(conditions.values()).map(rows -> {
            List<Row> all = rows.stream().toList();
            boolean hasMore = all.size() > limit;
            List<Row> page = hasMore ? all.subList(0, limit) : all;
            String next = null;
            if (hasMore) {
                Row last = page.getLast();
                next = new Cursor(last.getOffsetDateTime("raised_at").toInstant(), last.getString("event_id")).encode();
            }
            return new AlertPage("list", page.stream().map(StoredAlert::of).toList(), hasMore, next);
        });
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String json(List<String> jobIds) {
        if (jobIds == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.writeValueAsString(jobIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job ids not writable as JSON", e);
        }
    }
}
