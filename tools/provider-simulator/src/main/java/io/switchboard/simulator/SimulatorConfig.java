package io.switchboard.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * How the simulated provider behaves. Rates are probabilities in [0, 1] applied to each request.
 *
 * @param port            port to listen on (0 picks a free one)
 * @param latency         base time before the answer starts
 * @param jitter          up to this much extra time, uniformly drawn
 * @param errorRate       share of requests answered 500
 * @param rateLimitRate   share of requests answered 429 with {@code Retry-After}
 * @param timeoutRate     share of requests that hang for {@link #hang} before answering 504
 * @param hang            how long a "timeout" request hangs
 * @param retryAfterSeconds value of {@code Retry-After} on 429 answers
 */
public record SimulatorConfig(int port, Duration latency, Duration jitter, double errorRate, double rateLimitRate,
        double timeoutRate, Duration hang, int retryAfterSeconds) {

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(8090, Duration.ofMillis(20), Duration.ofMillis(30), 0, 0, 0,
                Duration.ofSeconds(60), 1);
    }

    /** Reads {@code SIMULATOR_*} variables, falling back to the defaults. */
    public static SimulatorConfig fromEnvironment(Map<String, String> env) {
        SimulatorConfig d = defaults();
        return new SimulatorConfig(
                Integer.parseInt(env.getOrDefault("SIMULATOR_PORT", Integer.toString(d.port()))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SIMULATOR_LATENCY_MS", Long.toString(d.latency().toMillis())))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SIMULATOR_JITTER_MS", Long.toString(d.jitter().toMillis())))),
                Double.parseDouble(env.getOrDefault("SIMULATOR_ERROR_RATE", "0")),
                Double.parseDouble(env.getOrDefault("SIMULATOR_RATE_LIMIT_RATE", "0")),
                Double.parseDouble(env.getOrDefault("SIMULATOR_TIMEOUT_RATE", "0")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIMULATOR_HANG_SECONDS", Long.toString(d.hang().toSeconds())))),
                Integer.parseInt(env.getOrDefault("SIMULATOR_RETRY_AFTER_SECONDS", Integer.toString(d.retryAfterSeconds()))));
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, latency, jitter, errorRate, rateLimitRate, timeoutRate, hang, retryAfterSeconds);
    }
}
