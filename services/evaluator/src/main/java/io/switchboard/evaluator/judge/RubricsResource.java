package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.InvalidRequest;
import io.switchboard.evaluator.api.NotFound;

/**
 * Internal API (operators', through the ingress's admin API): the judges' versioned rubrics. A POST adds the
 * next version of its criterion, which is in use from then on; a DELETE retires a criterion.
 */
@Path("/internal/rubrics")
@Produces(MediaType.APPLICATION_JSON)
public class RubricsResource {

    /** A rubric as listed. */
    public record RubricView(String criterion, int version, String check, String template, double scaleMin,
            double scaleMax, double passMark, String judgeModel, long createdAt, Long retiredAt, boolean inUse) {

        static RubricView of(Rubric rubric, boolean inUse) {
            return new RubricView(rubric.criterion, rubric.version, rubric.checkName(), rubric.template, rubric.scaleMin,
                    rubric.scaleMax, rubric.passMark, rubric.judgeModel, rubric.createdAt.getEpochSecond(),
                    rubric.retiredAt == null ? null : rubric.retiredAt.getEpochSecond(), inUse);
        }
    }

    public record RubricList(String object, List<RubricView> data) {
    }

    private final RubricStore store;
    private final RubricsInUse inUse;

    RubricsResource(RubricStore store, RubricsInUse inUse) {
        this.store = store;
        this.inUse = inUse;
    }

    @GET
    public Uni<RubricList> list() {
        return store.inUse().chain(used -> store.all().map(all -> new RubricList("list", all.stream()
                .map(rubric -> RubricView.of(rubric, used.stream().anyMatch(u -> u.id.equals(rubric.id))))
                .toList())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<RubricView> add(NewRubric asked) {
        if (asked == null) {
            throw new InvalidRequest("The body must be a rubric: criterion, template, scale_min, scale_max, "
                    + "pass_mark, judge_model.", null);
        }
        List<String> problems = asked.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRequest(String.join(" ", problems), null);
        }
        return store.addVersion(asked, Instant.now())
                .call(inUse::refresh)
                .map(rubric -> RubricView.of(rubric, true));
    }

    @DELETE
    @Path("/{criterion}")
    public Uni<RubricList> retire(@RestPath String criterion) {
        return store.retire(criterion, Instant.now())
                .call(inUse::refresh)
                .chain(retired -> {
                    if (retired == 0) {
                        throw new NotFound("No rubric in use for criterion '" + criterion + "'.");
                    }
                    return list();
                });
    }
}
