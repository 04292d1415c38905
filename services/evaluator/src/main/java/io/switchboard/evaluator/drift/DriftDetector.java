package io.switchboard.evaluator.drift;

import java.util.Optional;

/**
 * Watches one metric of one stratum for a degradation, and says when it starts and when it ends.
 *
 * <p>The first observations form a frozen baseline. Each observation goes to an {@link Adwin} window (a
 * rate as it is, from the first; a continuous value as its rank among the baseline, which puts any scale
 * into ADWIN's [0, 1], from the freeze on, when the baseline's own ranks go first) and, after the
 * baseline, to a bounded window of recent observations. When ADWIN cuts its window towards
 * "worse", the observations since the estimated change are compared with the baseline by a
 * {@link ChangeConfirmation}; a degradation that is significant and at least the metric's minimum effect
 * opens an alarm. An unconfirmed suspicion is tested again every check interval as observations arrive
 * (the first test often comes with only a few dozen), until it is confirmed or the recent window holds
 * nothing but post-change observations and still shows no material degradation.
 *
 * <p>One alarm at a time: while it is open, only a cut towards "better" is tested, and the alarm clears
 * when the observations since that cut are significantly better than the degraded ones before it and
 * within the minimum effect of the baseline. An improvement never opens an alarm.
 *
 * <p>Not thread-safe: one detector per stratum and metric, fed in order.
 */
public final class DriftDetector {

    private final MetricDefinition metric;
    private final DriftSettings settings;
    private final ChangeConfirmation confirmation;
    private final Baseline baseline;
    private final RecentWindow recent;
    private final Adwin adwin;
    private long samples;
    private long suspectedChangeAt;
    private long lastTestAt;
    private DriftResult.Degraded openAlarm;

    public DriftDetector(MetricDefinition metric, DriftSettings settings) {
        this(metric, settings, new Baseline(settings.baselineSize(), settings.baselinePeriod()),
                new RecentWindow(settings.recentCapacity()), new Adwin(settings.adwin()));
    }

    private DriftDetector(MetricDefinition metric, DriftSettings settings, Baseline baseline, RecentWindow recent,
            Adwin adwin) {
        this.metric = metric;
        this.settings = settings;
        this.confirmation = settings.confirmation();
        this.baseline = baseline;
        this.recent = recent;
        this.adwin = adwin;
    }

    /** A detector that goes on exactly where the one that exported {@code state} stopped. */
    public static DriftDetector restore(MetricDefinition metric, DriftSettings settings, DriftDetectorState state) {
        DriftDetector detector = new DriftDetector(metric, settings,
                Baseline.restore(settings.baselineSize(), settings.baselinePeriod(), state.baseline()),
                RecentWindow.of(settings.recentCapacity(), state.recent()),
                Adwin.restore(settings.adwin(), state.adwin()));
        detector.samples = state.samples();
        detector.suspectedChangeAt = state.suspectedChangeAt();
        detector.lastTestAt = state.lastTestAt();
        detector.openAlarm = state.openAlarm();
        return detector;
    }

    public DriftDetectorState export() {
        return new DriftDetectorState(samples, baseline.export(), recent.last(recent.size()), adwin.export(),
                suspectedChangeAt, lastTestAt, openAlarm);
    }

    public MetricDefinition metric() {
        return metric;
    }

    /** The alarm that is open, if any. */
    public Optional<DriftResult.Degraded> openAlarm() {
        return Optional.ofNullable(openAlarm);
    }

    /** Takes the next observation: 0 or 1 for a rate, any finite value for a continuous metric. */
    public DriftResult observe(double value) {
        requireValid(value);
        samples++;
        if (!baseline.frozen()) {
            collectBaseline(value);
            return DriftResult.STEADY;
        }
        recent.add(value);
        AdwinSignal signal = adwin.add(metric.kind() == MetricKind.RATE ? value : baseline.rank(value));
        if (signal instanceof AdwinSignal.Change change) {
            suspectedChangeAt = worthTesting(change) ? samples - change.samplesSinceChange() + 1 : 0;
            return suspectedChangeAt == 0 ? DriftResult.STEADY : test();
        }
        if (suspectedChangeAt != 0 && samples - lastTestAt >= settings.adwin().checkInterval()) {
            return test();
        }
        return DriftResult.STEADY;
    }

    private void collectBaseline(double value) {
        baseline.offer(value);
        if (metric.kind() == MetricKind.RATE) {
            // a rate needs no baseline to reach ADWIN, and a longer window sees a small shift sooner
            noteBaselineChange(adwin.add(value));
        } else if (baseline.frozen()) {
            // A continuous metric reaches ADWIN as ranks among the baseline, known only now. The baseline
            // goes first, so that ADWIN has a history to tell a change right after the freeze from.
            for (double held : baseline.values()) {
                noteBaselineChange(adwin.add(baseline.rank(held)));
            }
        }
    }

    /**
     * A change inside the baseline period is part of "normal" only if it is no degradation: a worsening
     * one is tested once the baseline is frozen, on what follows it.
     */
    private void noteBaselineChange(AdwinSignal signal) {
        if (signal instanceof AdwinSignal.Change change) {
            suspectedChangeAt = worthTesting(change) ? samples + baseline.observationsToFreeze() + 1 : 0;
        }
    }

    /** Without an alarm only a change towards worse matters, with one only a change towards better. */
    private boolean worthTesting(AdwinSignal.Change change) {
        boolean towardsWorse = change.rose() == (metric.worse() == WorseDirection.HIGHER);
        return towardsWorse == (openAlarm == null);
    }

    private DriftResult test() {
        lastTestAt = samples;
        long sinceChange = samples - suspectedChangeAt + 1;
        int usable = (int) Math.min(sinceChange, recent.size());
        if (usable < settings.minimumRecentSamples()) {
            return DriftResult.STEADY;
        }
        DriftResult result = openAlarm == null
                ? testDegradation(recent.last(usable), sinceChange)
                : testRecovery(usable, sinceChange);
        if (result != DriftResult.STEADY || sinceChange >= recent.capacity()) {
            suspectedChangeAt = 0;
        }
        return result;
    }

    private DriftResult testDegradation(double[] sinceChange, long samplesSinceChange) {
        Comparison comparison = confirmation.worse(metric, baseline.values(), sinceChange);
        if (!confirmation.degraded(metric, comparison)) {
            return DriftResult.STEADY;
        }
        openAlarm = new DriftResult.Degraded(comparison.reference(), comparison.current(), comparison.worsening(),
                comparison.pValue(), suspectedChangeAt, samplesSinceChange);
        return openAlarm;
    }

    /**
     * The degraded reference is what the recent window still holds from before the recovery's estimated
     * change back to the alarm's estimated change: the freshest evidence of the degraded level.
     */
    private DriftResult testRecovery(int usable, long samplesSinceChange) {
        long degradedHeld = Math.min(suspectedChangeAt - openAlarm.changeEstimatedAtSample(), recent.size() - usable);
        if (degradedHeld < settings.minimumRecentSamples()) {
            return DriftResult.STEADY;
        }
        double[] sinceChange = recent.last(usable);
        double[] degraded = recent.slice((int) degradedHeld, usable);
        Comparison improvement = confirmation.better(metric, degraded, sinceChange);
        Comparison againstBaseline = confirmation.worse(metric, baseline.values(), sinceChange);
        boolean backToBaseline = !metric.minimumEffect().reachedBy(againstBaseline.worsening(), againstBaseline.reference());
        if (!confirmation.significant(improvement) || !backToBaseline) {
            return DriftResult.STEADY;
        }
        DriftResult.Recovered recovered = new DriftResult.Recovered(againstBaseline.reference(),
                againstBaseline.current(), againstBaseline.worsening(), improvement.pValue(), suspectedChangeAt,
                samplesSinceChange);
        openAlarm = null;
        return recovered;
    }

    private void requireValid(double value) {
        if (metric.kind() == MetricKind.RATE ? value != 0.0 && value != 1.0 : !Double.isFinite(value)) {
            throw new IllegalArgumentException(metric.name() + " cannot take the observation " + value);
        }
    }
}
