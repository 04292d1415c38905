package io.switchboard.simulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the simulator waits before it answers, drawn afresh for each request.
 *
 * <ul>
 * <li>{@code fixed}: always {@code latency};</li>
 * <li>{@code uniform}: {@code latency} plus up to {@code jitter}, uniformly;</li>
 * <li>{@code lognormal}: median {@code latency}, 99th percentile {@code p99}: the long right tail real
 * providers show.</li>
 * </ul>
 */
public enum Latency {
    FIXED, UNIFORM, LOGNORMAL;

    // the standard normal's 99th percentile: p99 = median * exp(sigma * Z99)
    private static final double Z99 = 2.3263478740408408;

    static Latency parse(String name) {
        return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
    }

    Duration draw(Duration latency, Duration jitter, Duration p99, RandomGenerator random) {
        return switch (this) {
            case FIXED -> latency;
            case UNIFORM -> latency.plusMillis(jitter.isZero() ? 0 : random.nextLong(jitter.toMillis() + 1));
            case LOGNORMAL -> {
                if (latency.isZero() || p99.compareTo(latency) <= 0) {
                    yield latency;
                }
                double sigma = Math.log((double) p99.toMillis() / latency.toMillis()) / Z99;
                yield Duration.ofMillis(Math.round(latency.toMillis() * Math.exp(sigma * random.nextGaussian())));
            }
        };
    }
}
