package io.switchboard.evaluator.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Measures how soon and how reliably {@link DriftDetector}s notice known changes: runs each scenario
 * over seeded synthetic streams and reports, per scenario, the detection rate, the delay percentiles and
 * the false alarms. The acceptance tests assert the targets on it; the benchmark prints it.
 *
 * <p>Runs are reproducible: a run's stream depends only on the scenario's name and the seed's index.
 * Each run moves its change later by a random 0 to {@value #CHANGE_JITTER} − 1 observations, so that the
 * change does not meet the detector's check clock at the same phase in every run (a real change comes at
 * any moment, and a fixed phase would make every run's delay alike).
 */
public final class DetectionDelayTable {

    static final int CHANGE_JITTER = 256;

    private final DriftSettings settings;

    public DetectionDelayTable(DriftSettings settings) {
        this.settings = settings;
    }

    public List<ScenarioMeasurement> measure(List<DriftScenario> scenarios, int seeds) {
        List<ScenarioMeasurement> measurements = new ArrayList<>();
        for (DriftScenario scenario : scenarios) {
            measurements.add(measure(scenario, seeds));
        }
        return measurements;
    }

    public ScenarioMeasurement measure(DriftScenario scenario, int seeds) {
        long[] delays = new long[seeds];
        int detected = 0;
        int falseAlarms = 0;
        long observations = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Run run = run(scenario, new SplittableRandom(seedOf(scenario, seed)));
            observations += run.observations();
            falseAlarms += run.falseAlarms();
            if (run.delay() > 0) {
                delays[detected++] = run.delay();
            }
        }
        return new ScenarioMeasurement(scenario, seeds, Arrays.copyOf(delays, detected), falseAlarms,
                observations);
    }

    /** The table in Markdown, one row per scenario. */
    public static String markdown(List<ScenarioMeasurement> measurements) {
        StringBuilder table = new StringBuilder(
                "| injected change | runs | detected | p50 delay | p90 delay | false alarms | observations |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioMeasurement m : measurements) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %,d |%n", m.scenario().name(),
                    m.runs(), m.scenario().degradation() ? String.format(Locale.ROOT, "%.1f %%", 100 * m.detectionRate()) : "—",
                    m.scenario().degradation() ? delay(m.delayPercentile(0.5)) : "—",
                    m.scenario().degradation() ? delay(m.delayPercentile(0.9)) : "—",
                    m.falseAlarms(), m.observations()));
        }
        return table.toString();
    }

    /**
     * One stream through one detector. It stops at the first alarm after the change: the delay is known
     * then, and one alarm stays open until it clears.
     */
    private Run run(DriftScenario scenario, SplittableRandom random) {
        DriftDetector detector = new DriftDetector(scenario.metric(), settings);
        int falseAlarms = 0;
        long changeAt = scenario.changeAt() + (scenario.observedAfterChange() > 0 ? random.nextInt(CHANGE_JITTER) : 0);
        long length = changeAt + scenario.observedAfterChange();
        for (long i = 1; i <= length; i++) {
            boolean changed = i > changeAt;
            double value = (changed ? scenario.after() : scenario.before()).next(random);
            if (detector.observe(value) instanceof DriftResult.Degraded) {
                if (changed && scenario.degradation()) {
                    return new Run(i - changeAt, falseAlarms, i);
                }
                falseAlarms++;
            }
        }
        return new Run(0, falseAlarms, length);
    }

    private static long seedOf(DriftScenario scenario, int seed) {
        return ((long) scenario.name().hashCode() << 32) ^ seed;
    }

    private static String delay(OptionalLong delay) {
        return delay.isPresent() ? String.format(Locale.ROOT, "%,d", delay.getAsLong()) : "not reached";
    }

    /** @param delay observations after the change up to the alarm, 0 when none came after it */
    private record Run(long delay, int falseAlarms, long observations) {
    }
}
