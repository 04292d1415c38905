package io.switchboard.bench;

/** Comparisons with a reference measured in the same run. */
public final class Ratios {

    private Ratios() {
    }

    /** {@code value / reference}, or NaN when the reference measured nothing. */
    public static double of(double value, double reference) {
        return reference > 0 ? value / reference : Double.NaN;
    }

    /**
     * Latency a gateway adds over calling the provider directly, percentile by percentile. The difference of
     * two percentiles is not the percentile of the differences; it is what can be measured without tagging
     * each request on both paths, and both runs offer the same rate to the same provider.
     */
    public static Latency added(Latency through, Latency direct) {
        return new Latency(through.offeredPerSecond(), through.ok(), through.errors(), through.seconds(),
                through.throughput(), through.p50Ms() - direct.p50Ms(), through.p99Ms() - direct.p99Ms(),
                through.p999Ms() - direct.p999Ms(), through.maxMs() - direct.maxMs());
    }
}
