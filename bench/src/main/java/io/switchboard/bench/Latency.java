package io.switchboard.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: successes per second over the run, and latency percentiles in milliseconds.
 * Histograms hold microseconds.
 */
public record Latency(double offeredPerSecond, long ok, long errors, double seconds, double throughput,
        double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    /** Three significant digits, up to an hour: enough for any request that does not time out. */
    public static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    public static Latency of(double offeredPerSecond, Histogram micros, long errors, double seconds) {
        long ok = micros.getTotalCount();
        return new Latency(offeredPerSecond, ok, errors, seconds, seconds > 0 ? ok / seconds : 0,
                ms(micros, 50), ms(micros, 99), ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    /** Share of requests that failed. */
    public double errorRate() {
        long all = ok + errors;
        return all == 0 ? 0 : (double) errors / all;
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
