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

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.EvaluatorConfig;
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
    public record RubricView(String criterion, int version, String kind, String check, String template,
            double scaleMin, double scaleMax, double passMark, String judgeModel, String route, List<String> variants,
            long createdAt, Long retiredAt, boolean inUse) {

        static RubricView of(Rubric rubric, boolean inUse) {
            return new RubricView(rubric.criterion, rubric.version, rubric.kind, rubric.checkName(), rubric.template,
                    rubric.scaleMin, rubric.scaleMax, rubric.passMark, rubric.judgeModel, rubric.route,
                    rubric.pairwise() ? List.of(rubric.variantA, rubric.variantB) : null,
                    rubric.createdAt.getEpochSecond(), rubric.retiredAt == null ? null : rubric.retiredAt.getEpochSecond(),
                    inUse);
        }
    }

    public record RubricList(String object, List<RubricView> data) {
    }

    /** A calibration run as listed; the figures are null while it runs or when it could not ask every item. */
    public record CalibrationView(String criterion, int rubricVersion, String runKey, long startedAt, Long finishedAt,
            Double kappa, Double agreement, Integer measured, Integer items, Double meanScore, boolean trusted,
            String detail) {

        static CalibrationView of(CalibrationRecord run) {
            return new CalibrationView(run.criterion, run.rubricVersion, run.runKey, run.startedAt.getEpochSecond(),
                    run.finishedAt == null ? null : run.finishedAt.getEpochSecond(), run.kappa, run.agreement,
                    run.measured, run.items, run.meanScore, run.trusted, run.detail);
        }
    }

    public record CalibrationList(String object, List<CalibrationView> data) {
    }

    private static final Logger LOG = Logger.getLogger(RubricsResource.class);

    private final RubricStore store;
    private final RubricsInUse inUse;
    private final JudgeCalibration calibration;
    private final CalibrationStore calibrations;
    private final boolean judgesOn;

    RubricsResource(RubricStore store, RubricsInUse inUse, JudgeCalibration calibration,
            CalibrationStore calibrations, EvaluatorConfig config) {
        this.judgesOn = JudgesOn.in(config);
        this.store = store;
        this.inUse = inUse;
        this.calibration = calibration;
        this.calibrations = calibrations;
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
                .invoke(this::calibrateInBackground)
                .map(rubric -> RubricView.of(rubric, true));
    }

    /** Runs the gold set through the judge's in-use version now, and answers with the run. */
    @POST
    @Path("/{criterion}/calibrations")
    @ResponseStatus(201)
    public Uni<CalibrationView> calibrate(@RestPath String criterion) {
        Rubric rubric = inUse.current().stream().filter(r -> r.criterion.equals(criterion)).findFirst()
                .orElseThrow(() -> new NotFound("No rubric in use for criterion '" + criterion + "'."));
        return calibration.calibrate(rubric, "manual-" + Instant.now().toEpochMilli())
                .map(run -> CalibrationView.of(run.orElseThrow(() -> new InvalidRequest(
                        "A calibration of '" + criterion + "' was started at this very moment; try again.", null))));
    }

    @GET
    @Path("/{criterion}/calibrations")
    public Uni<CalibrationList> calibrations(@RestPath String criterion) {
        return calibrations.runsOf(criterion)
                .map(runs -> new CalibrationList("list", runs.stream().map(CalibrationView::of).toList()));
    }

    /** A new version is calibrated at once: until then its drift is watched, its alarms held back. */
    private void calibrateInBackground(Rubric rubric) {
        if (!judgesOn) {
            return;
        }
        calibration.calibrate(rubric, "first").subscribe().with(
                run -> run.ifPresent(r -> LOG.infof("judge %s v%d first calibration: %s", r.criterion,
                        r.rubricVersion, r.detail)),
                failure -> LOG.warnf("judge %s v%d not calibrated: %s", rubric.criterion, rubric.version,
                        failure.toString()));
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
