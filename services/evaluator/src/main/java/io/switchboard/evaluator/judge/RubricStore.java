package io.switchboard.evaluator.judge;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** The judges' rubrics: each change a new version, the newest unretired version of a criterion in use. */
@ApplicationScoped
public class RubricStore implements PanacheRepositoryBase<Rubric, Long> {

    public Uni<Rubric> addVersion(NewRubric asked, Instant at) {
        return Panache.withTransaction(() -> find("criterion = ?1 order by version desc", asked.criterion())
                .firstResult()
                .chain(latest -> {
                    Rubric rubric = new Rubric();
                    rubric.criterion = asked.criterion();
                    rubric.version = latest == null ? 1 : latest.version + 1;
                    rubric.template = asked.template();
                    if (!Rubric.PAIRWISE.equals(asked.kindOrDefault())) {
                        rubric.scaleMin = asked.scaleMin();
                        rubric.scaleMax = asked.scaleMax();
                        rubric.passMark = asked.passMark();
                    }
                    rubric.judgeModel = asked.judgeModel();
                    rubric.kind = asked.kindOrDefault();
                    if (rubric.pairwise()) {
                        // a comparison has no scale of its own: 1 won, 0.5 tied, 0 lost
                        rubric.scaleMin = 0;
                        rubric.scaleMax = 1;
                        rubric.passMark = 1;
                        rubric.route = asked.route();
                        rubric.variantA = asked.variants().get(0);
                        rubric.variantB = asked.variants().get(1);
                    }
                    rubric.createdAt = at;
                    return persist(rubric);
                }))
                // two versions of one criterion added at once both read the same latest version; the loser's
                // insert breaks the unique (criterion, version) and a fresh transaction numbers it after the winner
                .onFailure(RubricStore::isVersionTaken).retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(200))
                .atMost(10);
    }

    /** Hibernate Reactive reports the violation as the failure's cause or as one suppressed by it. */
    private static boolean isVersionTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isUniqueViolation(cause) || Arrays.stream(cause.getSuppressed()).anyMatch(RubricStore::isUniqueViolation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof ConstraintViolationException violation
                && "judge_rubrics_criterion_version".equalsIgnoreCase(violation.getConstraintName())
                || failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    /** Every version of every criterion, newest first within a criterion. */
    public Uni<List<Rubric>> all() {
        return Panache.withSession(() -> find("order by criterion, version desc").list());
    }

    /** The version in use of each criterion that is not retired. */
    public Uni<List<Rubric>> inUse() {
        return Panache.withSession(() -> find("""
                from Rubric q where q.retiredAt is null
                and q.version = (select max(r.version) from Rubric r where r.criterion = q.criterion)
                order by q.criterion""").list());
    }

    public Uni<Rubric> version(String criterion, int version) {
        return Panache.withSession(() -> find("criterion = ?1 and version = ?2", criterion, version).firstResult());
    }

    /** Takes a criterion out of use; how many versions were retired (0: unknown or already retired). */
    public Uni<Integer> retire(String criterion, Instant at) {
        return Panache.withTransaction(() -> update("retiredAt = ?1 where criterion = ?2 and retiredAt is null", at,
                criterion));
    }
}
