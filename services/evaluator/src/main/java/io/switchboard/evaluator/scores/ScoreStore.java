package io.switchboard.evaluator.scores;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.EvaluationScored;

/**
 * Stores scores and reads them back. A score already stored for the job, check and check version is kept as it was,
 * so a redelivered result changes nothing and its republished events repeat the first ones exactly.
 */
@ApplicationScoped
public class ScoreStore implements PanacheRepositoryBase<ScoreRecord, Long> {

    private static final String INSERT = """
            INSERT INTO evaluation_scores (job_id, check_name, tenant_id, model, passed, score, detail, evaluated_at,
                                           route, variant, measured_value, scorer_version, sampling_probability,
                                           unmeasured)
            VALUES (:job, :check, :tenant, :model, :passed, :score, :detail, :at, :route, :variant, :value, :version,
                    :probability, :unmeasured)
            ON CONFLICT (job_id, check_name, scorer_version) DO NOTHING
            """;

    /**
     * What is stored for a job after a save, and which of it this save stored (the rest was stored by an earlier
     * delivery of the result).
     */
    public record Saved(List<ScoreRecord> stored, Set<String> storedNow) {

        public boolean storedNow(ScoreRecord row) {
            return storedNow.contains(row.checkName + "#" + row.scorerVersion);
        }
    }

    /** Stores the scores of one job unless already stored, and returns what is stored for it. */
    public Uni<Saved> save(String jobId, List<EvaluationScored> scores) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Set<String> storedNow = new HashSet<>();
            // One session runs one statement at a time, so the inserts are chained, not joined.
            Uni<Void> inserts = Uni.createFrom().voidItem();
            for (EvaluationScored score : scores) {
                inserts = inserts.chain(() -> insert(session, score, false).invoke(inserted -> {
                    if (inserted) {
                        storedNow.add(score.check() + "#" + score.scorerVersionOrFirst());
                    }
                }).replaceWithVoid());
            }
            return inserts.chain(() -> find("jobId = ?1 order by checkName", jobId).list())
                    .map(stored -> new Saved(stored, Set.copyOf(storedNow)));
        }));
    }

    /**
     * Stores one verdict unless one is stored for its job, check and version, and returns the stored one: a
     * verdict given again (a judge task retried after a crash) changes nothing.
     */
    public Uni<ScoreRecord> saveOne(EvaluationScored score) {
        return saveVerdict(score, false);
    }

    /**
     * Records that a scorer was asked and gave no usable verdict: listed with its reason in {@code detail}, left
     * out of every rate and mean, and never published as a score.
     */
    public Uni<ScoreRecord> saveUnmeasured(EvaluationScored asked) {
        return saveVerdict(asked, true);
    }

    private Uni<ScoreRecord> saveVerdict(EvaluationScored score, boolean unmeasured) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> insert(session, score, unmeasured))
                .chain(() -> find("jobId = ?1 and checkName = ?2 and scorerVersion = ?3", score.jobId(), score.check(),
                        score.scorerVersionOrFirst()).firstResult()));
    }

    public Uni<List<ScoreRecord>> scoresOf(String jobId) {
        return Panache.withSession(() -> find("jobId = ?1 order by checkName", jobId).list());
    }

    /** True if the score was stored now, false if one was stored for its job, check and version before. */
    private static Uni<Boolean> insert(Mutiny.Session session, EvaluationScored score, boolean unmeasured) {
        return session.createNativeQuery(INSERT)
                .setParameter("job", score.jobId())
                .setParameter("check", score.check())
                .setParameter("tenant", score.tenantId())
                .setParameter("model", score.model())
                .setParameter("passed", score.passed())
                .setParameter("score", score.score())
                .setParameter("detail", score.detail())
                .setParameter("at", score.evaluatedAt())
                .setParameter("route", score.route())
                .setParameter("variant", score.variant())
                .setParameter("value", score.value())
                .setParameter("version", score.scorerVersionOrFirst())
                .setParameter("probability", score.samplingProbabilityOrOne())
                .setParameter("unmeasured", unmeasured)
                .executeUpdate()
                .map(rows -> rows == 1);
    }
}
