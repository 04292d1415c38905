package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

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
                }));
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
