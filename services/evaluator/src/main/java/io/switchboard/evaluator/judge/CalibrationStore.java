package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The judges' calibration runs. */
@ApplicationScoped
public class CalibrationStore implements PanacheRepositoryBase<CalibrationRecord, Long> {

    private static final String CLAIM = """
            INSERT INTO judge_calibrations (criterion, rubric_version, run_key, started_at, trusted)
            VALUES (:criterion, :version, :run, :at, false)
            ON CONFLICT (criterion, rubric_version, run_key) DO NOTHING
            """;

    /** Claims a run; empty when another replica (or an earlier start) already has it. */
    public Uni<Optional<CalibrationRecord>> claim(Rubric rubric, String runKey, Instant at) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("criterion", rubric.criterion)
                        .setParameter("version", rubric.version)
                        .setParameter("run", runKey)
                        .setParameter("at", at)
                        .executeUpdate())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(Optional.<CalibrationRecord>empty())
                        : find("criterion = ?1 and rubricVersion = ?2 and runKey = ?3", rubric.criterion,
                                rubric.version, runKey).firstResult().map(Optional::ofNullable)));
    }

    public Uni<CalibrationRecord> finish(CalibrationRecord run) {
        return Panache.withTransaction(() -> getSession().chain(session -> session.merge(run)));
    }

    /** The last finished run of a rubric version before the given one, if any. */
    public Uni<Optional<CalibrationRecord>> previous(String criterion, int version, long beforeId) {
        return Panache.withSession(() -> find("criterion = ?1 and rubricVersion = ?2 and finishedAt is not null "
                + "and id < ?3 order by id desc", criterion, version, beforeId).firstResult().map(Optional::ofNullable));
    }

    /** The last finished run of every rubric version. */
    public Uni<List<CalibrationRecord>> latestRuns() {
        return Panache.withSession(() -> find("""
                from CalibrationRecord c where c.finishedAt is not null and c.id = (select max(d.id)
                from CalibrationRecord d where d.criterion = c.criterion and d.rubricVersion = c.rubricVersion
                and d.finishedAt is not null)""").list());
    }

    public Uni<List<CalibrationRecord>> runsOf(String criterion) {
        return Panache.withSession(() -> find("criterion = ?1 order by id desc", criterion).list());
    }
}
