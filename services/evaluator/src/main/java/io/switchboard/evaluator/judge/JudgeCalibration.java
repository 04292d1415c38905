package io.switchboard.evaluator.judge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.watch.AlertPublisher;

/**
 * Calibrates the judges on the gold set: each gold item goes through the same path as a tenant's answer (the
 * rubric's prompt, the gateway, the strict reply reader), and the verdicts are compared with the labels (Cohen's
 * kappa). A judge below the floor may not raise quality alarms. The run repeats daily as a canary: when the gold
 * items' scores move, or agreement falls below the floor, the judge itself changed, and the alarm is
 * {@code JUDGE_MISCALIBRATED}, never a provider's drift.
 */
@ApplicationScoped
public class JudgeCalibration {

    private static final Logger LOG = Logger.getLogger(JudgeCalibration.class);
    /** Below this share of gold items answered usably, a run says nothing about agreement. */
    static final double MIN_MEASURED_SHARE = 0.8;
    private static final int IN_FLIGHT = 4;

    /** One gold item's verdict; {@code passed} and {@code score} are null when unmeasured. */
    record ItemVerdict(GoldItem item, Boolean passed, Double score, boolean asked) {
    }

    private final EvaluatorConfig.Judge config;
    private final boolean judgesOn;
    private final GoldSet gold;
    private final GatewayJudge gateway;
    private final JudgeReplyParser parser;
    private final CalibrationStore store;
    private final RubricsInUse rubrics;
    private final JudgeTrust trust;
    private final AlertPublisher alerts;

    @Inject
    JudgeCalibration(EvaluatorConfig config, GatewayJudge gateway, ObjectMapper json, CalibrationStore store,
            RubricsInUse rubrics, JudgeTrust trust, AlertPublisher alerts) {
        this.config = config.judge();
        this.judgesOn = JudgesOn.in(config);
        this.gold = GoldSet.fromClasspath(json);
        this.gateway = gateway;
        this.parser = new JudgeReplyParser(json);
        this.store = store;
        this.rubrics = rubrics;
        this.trust = trust;
        this.alerts = alerts;
    }

    /** The daily canary: every judge in use, once per day across all replicas. */
    @Scheduled(every = "${switchboard.evaluator.judge.calibrate-every}", delayed = "15s",
            concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> canary() {
        if (!judgesOn) {
            return Uni.createFrom().voidItem();
        }
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        return Multi.createFrom().iterable(rubrics.current())
                .onItem().transformToUniAndConcatenate(rubric -> calibrate(rubric, day)
                        .onFailure().invoke(failure -> LOG.warnf("judge %s v%d not calibrated: %s", rubric.criterion,
                                rubric.version, failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * Runs the gold set through a judge under a run key (the day, {@code first} for a new version); empty when the
     * run was claimed before.
     */
    public Uni<Optional<CalibrationRecord>> calibrate(Rubric rubric, String runKey) {
        if (rubric.pairwise()) {
            // the gold set scores single answers; a comparison has no gold of its own (yet)
            return Uni.createFrom().item(Optional.empty());
        }
        return store.claim(rubric, runKey, Instant.now()).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(Optional.<CalibrationRecord>empty())
                : run(rubric, claimed.get()).map(Optional::of));
    }

    private Uni<CalibrationRecord> run(Rubric rubric, CalibrationRecord run) {
        List<GoldItem> items = gold.of(rubric.criterion);
        return Multi.createFrom().iterable(items)
                .onItem().transformToUni(item -> ask(rubric, item)).merge(IN_FLIGHT)
                .collect().asList()
                .chain(verdicts -> store.previous(rubric.criterion, rubric.version, run.id)
                        .chain(previous -> conclude(rubric, run, verdicts, previous)));
    }

    private Uni<ItemVerdict> ask(Rubric rubric, GoldItem item) {
        return gateway.ask(rubric.judgeModel, JudgePrompt.render(rubric.template, item.prompt(), item.answer()))
                .map(call -> switch (call) {
                    case JudgeCall.Answered answered -> switch (parser.parse(answered.content(), rubric)) {
                        case JudgeReply.Measured measured -> new ItemVerdict(item, rubric.passes(measured.score()),
                                rubric.normalized(measured.score()), true);
                        default -> new ItemVerdict(item, null, null, true);
                    };
                    case JudgeCall.Failed failed -> new ItemVerdict(item, null, null, false);
                });
    }

    private Uni<CalibrationRecord> conclude(Rubric rubric, CalibrationRecord run, List<ItemVerdict> verdicts,
            Optional<CalibrationRecord> previous) {
        Instant now = Instant.now();
        long unasked = verdicts.stream().filter(verdict -> !verdict.asked()).count();
        if (verdicts.isEmpty() || unasked > 0) {
            // the judge could not be asked (or there is no gold for its criterion): this run decides nothing
            run.detail = verdicts.isEmpty() ? "no gold items for criterion " + rubric.criterion
                    : unasked + " of " + verdicts.size() + " gold items could not be asked";
            LOG.warnf("judge %s v%d calibration incomplete: %s", rubric.criterion, rubric.version, run.detail);
            return store.finish(run);
        }
        Agreement agreement = Agreement.of(verdicts.stream()
                .map(verdict -> new Agreement.Pair(verdict.item().labelledPass(), verdict.passed())).toList());
        run.kappa = agreement.kappa();
        run.agreement = agreement.agreement();
        run.measured = agreement.measured();
        run.items = agreement.items();
        run.meanScore = verdicts.stream().filter(verdict -> verdict.score() != null)
                .mapToDouble(ItemVerdict::score).average().orElse(Double.NaN);
        if (run.meanScore.isNaN()) {
            run.meanScore = null;
        }
        boolean enoughMeasured = agreement.measured() >= MIN_MEASURED_SHARE * agreement.items();
        Double before = previous.map(p -> p.meanScore).orElse(null);
        boolean shifted = before != null && run.meanScore != null
                && Math.abs(run.meanScore - before) > config.canaryTolerance();
        // a judge whose gold scores moved changed behind its name: its drift is its own, not the providers', until a
        // run agrees with this one again
        run.trusted = enoughMeasured && agreement.kappa() >= config.kappaFloor() && !shifted;
        run.finishedAt = now;
        run.detail = "kappa %.3f, agreement %.3f over %d of %d gold items".formatted(agreement.kappa(),
                agreement.agreement(), agreement.measured(), agreement.items());
        LOG.infof("judge %s v%d calibrated: %s; %s", rubric.criterion, rubric.version, run.detail,
                run.trusted ? "trusted" : "its quality alarms are held back");
        return store.finish(run)
                .invoke(trust::record)
                .call(finished -> miscalibration(rubric, finished, previous.orElse(null), enoughMeasured));
    }

    private Uni<Void> miscalibration(Rubric rubric, CalibrationRecord run, CalibrationRecord previous,
            boolean enoughMeasured) {
        List<String> reasons = new ArrayList<>();
        boolean belowFloor = !enoughMeasured || run.kappa < config.kappaFloor();
        if (belowFloor && (previous == null || previous.trusted)) {
            reasons.add(enoughMeasured
                    ? "agreement with the gold labels is kappa %.3f, below the floor %.2f".formatted(run.kappa,
                            config.kappaFloor())
                    : "only %d of %d gold items got a usable verdict".formatted(run.measured, run.items));
        }
        Double before = previous == null ? null : previous.meanScore;
        if (before != null && run.meanScore != null && Math.abs(run.meanScore - before) > config.canaryTolerance()) {
            reasons.add("the gold items' mean score moved from %.3f to %.3f".formatted(before, run.meanScore));
        }
        if (reasons.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String detail = "judge %s (rubric v%d, model %s): %s; its quality alarms are %s".formatted(rubric.criterion,
                rubric.version, rubric.judgeModel, String.join("; ", reasons),
                run.trusted ? "still raised" : "held back until it agrees again");
        LOG.warn(detail);
        return alerts.publish(new QualityAlert(EventType.SCHEMA_VERSION,
                "alarm_" + UUID.randomUUID().toString().replace("-", ""), QualityAlertKind.JUDGE_MISCALIBRATED, null,
                null, null, null, rubric.checkName(), before, run.meanScore,
                before == null || run.meanScore == null ? null : run.meanScore - before, null, null, null, null,
                detail, Instant.now()));
    }
}
