package io.switchboard.evaluator.watch;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.drift.DriftDetectorState;

/** Keeps each detector's state in PostgreSQL, as JSON, so the watch survives restarts and rebalances. */
@ApplicationScoped
public class DetectorStore implements PanacheRepositoryBase<DetectorRecord, String> {

    private static final String UPSERT = """
            INSERT INTO drift_detectors (id, stratum, metric, scorer_version, state, open_alarm_id, samples, updated_at)
            VALUES (:id, :stratum, :metric, :version, :state, :alarm, :samples, :at)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, open_alarm_id = excluded.open_alarm_id,
                samples = excluded.samples, updated_at = excluded.updated_at
            WHERE drift_detectors.samples <= excluded.samples
            """;

    /** Detector state is internal: a mapper of its own, whatever the HTTP layer's JSON settings. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    public record Stored(DriftDetectorState state, String openAlarmId) {
    }

    public Uni<Optional<Stored>> load(String key) {
        return Panache.withSession(() -> findById(key))
                .map(record -> Optional.ofNullable(record).map(DetectorStore::stored));
    }

    /**
     * Writes every given detector in one transaction. A snapshot never replaces one with more observations:
     * the periodic save and the save of an alarm run concurrently, and the older of two must not win.
     */
    Uni<Void> save(Collection<DetectorSnapshot> snapshots, Instant at) {
        if (snapshots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Void> writes = Uni.createFrom().voidItem();
            for (DetectorSnapshot snapshot : snapshots) {
                writes = writes.chain(() -> upsert(session, snapshot, at));
            }
            return writes;
        }));
    }

    private static Uni<Void> upsert(Mutiny.Session session, DetectorSnapshot snapshot, Instant at) {
        DriftDetectorState state = snapshot.state();
        return session.createNativeQuery(UPSERT)
                .setParameter("id", snapshot.key())
                .setParameter("stratum", snapshot.stratum())
                .setParameter("metric", snapshot.metric())
                .setParameter("version", snapshot.scorerVersion())
                .setParameter("state", write(state))
                .setParameter("alarm", snapshot.openAlarmId())
                .setParameter("samples", state.samples())
                .setParameter("at", at)
                .executeUpdate()
                .replaceWithVoid();
    }

    private static Stored stored(DetectorRecord record) {
        try {
            return new Stored(JSON.readValue(record.state, DriftDetectorState.class), record.openAlarmId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored state of detector " + record.id + " is not readable", e);
        }
    }

    private static String write(DriftDetectorState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detector state not writable as JSON", e);
        }
    }
}
