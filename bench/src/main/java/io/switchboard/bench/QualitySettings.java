package io.switchboard.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much the quality watch's part of the benchmark runs.
 *
 * @param driftSeeds       seeded runs per injected change (and per improvement)
 * @param stableLength     scores per stable stream
 * @param stableSeeds      stable streams per metric
 * @param checksSample     distinct results the in-process checks score, round and round
 * @param drainWarmUp      results of a burst the evaluator drains first, not measured: a service in production runs
 *                         warm, and the quality-only run starts it just before
 * @param drainResults     results in the evaluator service's measured burst
 */
public record QualitySettings(int driftSeeds, int stableLength, int stableSeeds, int checksSample,
        Duration checksWarmUp, Duration checksLength, int drainWarmUp, int drainResults) {

    public static QualitySettings quick() {
        return new QualitySettings(200, 1_000_000, 5, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(10), 1_000, 5_000);
    }

    public static QualitySettings full() {
        return new QualitySettings(300, 1_000_000, 20, 2_000, Duration.ofSeconds(10), Duration.ofSeconds(30), 2_000, 20_000);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drift_delays", driftSeeds + " seeds per change (after a 5,000-score baseline, watched for 5,000), "
                + stableSeeds + " stable streams of " + stableLength + " scores per metric; default drift settings");
        m.put("checks_in_process", checksSample + " sample results scored round and round on one thread: "
                + checksWarmUp.toSeconds() + " s warm-up, " + checksLength.toSeconds() + " s measured");
        m.put("evaluator_drain", drainResults + " succeeded results written to switchboard.results.v1 in one burst, "
                + "after a warm-up burst of " + drainWarmUp + ", not measured");
        return m;
    }
}
