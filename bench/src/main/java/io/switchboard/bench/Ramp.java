package io.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Steps the arrival rate up by a factor until a step is not sustained, or the ceiling is reached. */
public record Ramp(double from, double factor, double ceiling, Duration step) {

    /** A run at one rate; the hook runs before each step (to let the previous one drain). */
    public interface Step {
        Latency at(double perSecond, Duration length) throws Exception;
    }

    public List<Double> rates() {
        List<Double> rates = new ArrayList<>();
        for (double rate = from; rate <= ceiling; rate *= factor) {
            rates.add((double) Math.round(rate));
        }
        return rates;
    }

    public List<Latency> run(Step step, Saturation rule, Runnable beforeEach) throws Exception {
        List<Latency> steps = new ArrayList<>();
        for (double rate : rates()) {
            beforeEach.run();
            Latency measured = step.at(rate, this.step);
            steps.add(measured);
            Log.info("  step %.0f/s: %.1f/s ok, errors %d, p50 %.1f ms, p99 %.1f ms", rate, measured.throughput(),
                    measured.errors(), measured.p50Ms(), measured.p99Ms());
            if (!rule.sustained(measured)) {
                break;
            }
        }
        return steps;
    }
}
