package io.switchboard.evaluator.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.ConsumerAttempts;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.drift.DriftDetector;
import io.switchboard.evaluator.drift.DriftResult;
import io.switchboard.evaluator.drift.DriftSettings;
import io.switchboard.evaluator.drift.MetricDefinition;
import io.switchboard.evaluator.judge.JudgeChecks;
import io.switchboard.evaluator.judge.JudgeTrust;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The drift watch: every score of a watched check goes to its stratum's detector for that metric; a confirmed
 * degradation opens one alarm, a confirmed recovery clears it. Scores arrive keyed by stratum, so this replica
 * alone owns the detectors of the strata on its partitions, and reads their scores in order.
 *
 * <p>Detector state is saved to PostgreSQL at once when an alarm opens or clears (before the score's offset is
 * committed), and otherwise every {@code switchboard.evaluator.watch.save-every} (30 s): a crash loses at
 * most those seconds of observations from the baselines and windows, never an alarm's state. The detectors are
 * touched under this object's lock only, by the consumer and by the periodic save alike.
 */
@ApplicationScoped
public class QualityWatch {

    private static final Logger LOG = Logger.getLogger(QualityWatch.class);

    private final DetectorStore store;
    private final AlertPublisher alerts;
    private final StratumAssignments assignments;
    private final DriftSettings settings;
    private final Map<String, WatchedDetector> detectors = new HashMap<>();
    private final JudgeTrust trust;
    private final MeterRegistry metrics;
    private final ConsumerAttempts attempts;
    /** The id prefix of an alarm a judge's detector opened but that was held back, never published. */
    private static final String HELD = "held_";

    QualityWatch(DetectorStore store, AlertPublisher alerts,
            @Identifier("stratum-assignments") StratumAssignments assignments, EvaluatorConfig config,
            JudgeTrust trust, MeterRegistry metrics, ConsumerAttempts attempts) {
        this.store = store;
        this.attempts = attempts;
        this.trust = trust;
        this.metrics = metrics;
        this.assignments = assignments;
        this.alerts = alerts;
        this.settings = WatchSettings.of(config.watch());
    }

    @Incoming("scores-by-stratum")
    public Uni<Void> onScore(EvaluationScored score) {
        Uni<Void> observed = forgetAfterRebalance();
        for (MetricDefinition metric : WatchedMetrics.of(score.check())) {
            OptionalDouble observation = WatchedMetrics.observation(metric, score);
            if (observation.isPresent()) {
                observed = observed.chain(() -> detectorFor(score, metric))
                        .chain(watched -> react(watched, observe(watched, observation.getAsDouble(), score), score));
            }
        }
        // not retried as a whole: a detector must not observe one score twice
        return attempts.heldIfStopping(observed);
    }

    /** Saves the detectors that changed since their last save. */
    @Scheduled(every = "${switchboard.evaluator.watch.save-every}", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> saveChanged() {
        return store.save(takeChanged(), Instant.now())
                .onFailure().invoke(failure -> LOG.warnf("drift detectors not saved: %s", failure.toString()));
    }

    private synchronized List<DetectorSnapshot> takeChanged() {
        return detectors.values().stream().filter(WatchedDetector::dirty).map(WatchedDetector::takeSnapshot).toList();
    }

    private synchronized DriftResult observe(WatchedDetector watched, double value, EvaluationScored score) {
        return watched.observe(value, score);
    }

    /**
     * After a rebalance, the detectors held here may belong to another replica now, or be older than what
     * another replica saved meanwhile: save what is unsaved and read every detector afresh when next used.
     */
    private Uni<Void> forgetAfterRebalance() {
        if (!assignments.takeChange()) {
            return Uni.createFrom().voidItem();
        }
        return store.save(takeAllChangedAndForget(), Instant.now());
    }

    private synchronized List<DetectorSnapshot> takeAllChangedAndForget() {
        List<DetectorSnapshot> changed = takeChanged();
        detectors.clear();
        return changed;
    }

    private synchronized WatchedDetector known(String key) {
        return detectors.get(key);
    }

    private Uni<WatchedDetector> detectorFor(EvaluationScored score, MetricDefinition metric) {
        String key = WatchedDetector.keyOf(score.stratum(), metric.name(), score.scorerVersionOrFirst());
        WatchedDetector known = known(key);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return store.load(key).map(stored -> remember(key, k -> stored
                .map(s -> new WatchedDetector(k, score.stratum(), metric, score.scorerVersionOrFirst(),
                        DriftDetector.restore(metric, settings, s.state()), s.openAlarmId(), settings.recentCapacity()))
                .orElseGet(() -> new WatchedDetector(k, score.stratum(), metric, score.scorerVersionOrFirst(),
                        new DriftDetector(metric, settings), null, settings.recentCapacity()))));
    }

    private synchronized WatchedDetector remember(String key,
            Function<String, WatchedDetector> loaded) {
        return detectors.computeIfAbsent(key, loaded);
    }

    /**
     * A judge that does not agree with the gold labels (or was never calibrated) may not raise quality alarms: its
     * detector still opens the alarm, so it is not raised again and again, but nothing is published.
     */
    private boolean heldBack(EvaluationScored score) {
        return JudgeChecks.isJudge(score.check()) && !trust.trusts(score.check(), score.scorerVersionOrFirst());
    }

    private Uni<Void> react(WatchedDetector watched, DriftResult result, EvaluationScored score) {
        return switch (result) {
            case DriftResult.Steady steady -> Uni.createFrom().voidItem();
            case DriftResult.Degraded degraded when heldBack(score) -> {
                String alarmId = HELD + UUID.randomUUID().toString().replace("-", "");
                opened(watched, alarmId);
                LOG.warnf("quality degraded by an uncalibrated judge's account, alarm held back: %s of %s went from "
                        + "%.4f to %.4f (p %.2g)", watched.metric.name(), watched.stratum, degraded.baseline(),
                        degraded.current(), degraded.pValue());
                metrics.counter("switchboard.evaluator.alerts.held", "metric", watched.metric.name()).increment();
                yield saveNow(watched);
            }
            case DriftResult.Recovered recovered when watched.openAlarmId() != null
                    && watched.openAlarmId().startsWith(HELD) -> {
                cleared(watched);
                yield saveNow(watched);
            }
            case DriftResult.Degraded degraded -> {
                String alarmId = "alarm_" + UUID.randomUUID().toString().replace("-", "");
                opened(watched, alarmId);
                LOG.warnf("quality degraded: %s of %s went from %.4f to %.4f (p %.2g); alarm %s", watched.metric.name(),
                        watched.stratum, degraded.baseline(), degraded.current(), degraded.pValue(), alarmId);
                QualityAlert alert = alert(QualityAlertKind.QUALITY_DEGRADED, alarmId, watched, score,
                        degraded.baseline(), degraded.current(), degraded.pValue(), degraded.samplesSinceChange(),
                        "%s of %s got worse: %s, baseline %s".formatted(watched.metric.name(), watched.stratum,
                                shown(watched, degraded.current()), shown(watched, degraded.baseline())));
                yield announce(watched, alert);
            }
            case DriftResult.Recovered recovered -> {
                String alarmId = cleared(watched);
                LOG.infof("quality recovered: %s of %s is back at %.4f (baseline %.4f); alarm %s cleared",
                        watched.metric.name(), watched.stratum, recovered.current(), recovered.baseline(), alarmId);
                QualityAlert alert = alert(QualityAlertKind.QUALITY_RECOVERED, alarmId, watched, score,
                        recovered.baseline(), recovered.current(), recovered.pValue(), recovered.samplesSinceChange(),
                        "%s of %s is back: %s, baseline %s".formatted(watched.metric.name(), watched.stratum,
                                shown(watched, recovered.current()), shown(watched, recovered.baseline())));
                yield announce(watched, alert);
            }
        };
    }

    /**
     * The alarm is published first and its detector saved after: a crash or a failure in between makes the
     * score come again to a detector that never saw the alarm, which may raise it a second time (under a new
     * alarm id) but never loses it. Broker and database hiccups are retried; if they last, the detector is
     * forgotten here (it reloads from what was saved) and the score goes to the dead-letter topic.
     */
    private Uni<Void> announce(WatchedDetector watched, QualityAlert alert) {
        return alerts.publish(alert)
                .chain(() -> saveNow(watched))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .onFailure().invoke(failure -> forget(watched));
    }

    private synchronized void forget(WatchedDetector watched) {
        detectors.remove(watched.key);
    }

    /**
     * {@code effect} is signed, current minus baseline, in the metric's unit; the p-value is multiplied by the
     * number of metrics tested per stratum (Bonferroni), as the threshold it was compared with was divided.
     */
    private QualityAlert alert(QualityAlertKind kind, String alarmId, WatchedDetector watched, EvaluationScored score,
            double baseline, double current, double pValue, long samplesSinceChange, String detail) {
        return new QualityAlert(EventType.SCHEMA_VERSION, alarmId, kind, score.tenantId(), score.route(), score.model(),
                score.variant(), watched.metric.name(), baseline, current, current - baseline,
                Math.min(1.0, pValue * settings.familySize()),
                watched.observedAgo(samplesSinceChange), samplesSinceChange, watched.exampleJobs(), detail,
                Instant.now());
    }

    private static String shown(WatchedDetector watched, double value) {
        return switch (watched.metric.kind()) {
            case RATE -> "%.1f%% failing".formatted(100 * value);
            case CONTINUOUS -> "%.1f".formatted(value);
        };
    }

    private synchronized void opened(WatchedDetector watched, String alarmId) {
        watched.opened(alarmId);
    }

    /** Clears the open alarm and returns its id (a fresh one if the alarm was opened before ids were stored). */
    private synchronized String cleared(WatchedDetector watched) {
        String alarmId = watched.openAlarmId() != null ? watched.openAlarmId()
                : "alarm_" + UUID.randomUUID().toString().replace("-", "");
        watched.cleared();
        return alarmId;
    }

    private Uni<Void> saveNow(WatchedDetector watched) {
        return store.save(List.of(snapshotOf(watched)), Instant.now());
    }

    private synchronized DetectorSnapshot snapshotOf(WatchedDetector watched) {
        return watched.takeSnapshot();
    }
}
