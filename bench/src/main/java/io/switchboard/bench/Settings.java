package io.switchboard.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long and how hard each scenario runs: quick (under 10 minutes on 2 cores, for every change) or full. */
public record Settings(String mode, Duration warmUp, Ramp acceptRamp, Duration acceptFixed,
        Duration pipelineWarmUp, Ramp pipelineRamp, Duration pipelineFixed, double syncRate, Duration syncLength, Ramp portkeyRamp, int billingEvents,
        long producerRecords, QualitySettings quality) {

    /**
     * Below the pipeline's capacity while its JVMs are still cold, so the warm-up compiles the hot paths
     * instead of queueing a backlog: six services only reach their steady cost per job after some thousands
     * of jobs, and a service in production runs warm.
     */
    public static final double PIPELINE_WARM_UP_RATE = 10;

    public static Settings quick() {
        return new Settings("quick", Duration.ofSeconds(5),
                new Ramp(50, 1.5, 6000, Duration.ofSeconds(8)), Duration.ofSeconds(20),
                Duration.ofSeconds(40), new Ramp(10, 1.5, 3000, Duration.ofSeconds(10)), Duration.ofSeconds(20),
                20, Duration.ofSeconds(20),
                new Ramp(25, 1.5, 6000, Duration.ofSeconds(8)),
                5_000, 300_000, QualitySettings.quick());
    }

    public static Settings full() {
        return new Settings("full", Duration.ofSeconds(20),
                new Ramp(50, 1.25, 10000, Duration.ofSeconds(30)), Duration.ofSeconds(60),
                Duration.ofSeconds(120), new Ramp(10, 1.25, 5000, Duration.ofSeconds(30)), Duration.ofSeconds(60),
                50, Duration.ofSeconds(60),
                new Ramp(25, 1.25, 10000, Duration.ofSeconds(30)),
                200_000, 3_000_000, QualitySettings.full());
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warm_up", warmUp.toSeconds() + " s per target, not recorded");
        m.put("accept_ramp", ramp(acceptRamp));
        m.put("accept_fixed", acceptFixed.toSeconds() + " s at half the last sustained rate");
        m.put("pipeline_warm_up", pipelineWarmUp.toSeconds() + " s at " + (long) PIPELINE_WARM_UP_RATE
                + "/s through every service, not recorded");
        m.put("pipeline_ramp", ramp(pipelineRamp));
        m.put("pipeline_fixed", pipelineFixed.toSeconds() + " s at half the last sustained rate");
        m.put("sync_rate", syncRate + "/s for " + syncLength.toSeconds() + " s per target");
        m.put("portkey_ramp", ramp(portkeyRamp));
        m.put("billing_events", billingEvents);
        m.put("producer_performance_records", producerRecords);
        m.put("sustained_step", "delivered >= 95% of offered, errors <= 1%, p99 <= 1000 ms");
        m.putAll(quality.describe());
        return m;
    }

    private static String ramp(Ramp r) {
        return "from " + (long) r.from() + "/s x" + r.factor() + " up to " + (long) r.ceiling() + "/s, "
                + r.step().toSeconds() + " s per step, until a step is not sustained";
    }
}
