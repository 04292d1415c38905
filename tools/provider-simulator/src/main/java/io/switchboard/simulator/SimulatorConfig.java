package io.switchboard.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * How the simulated provider behaves. Rates are probabilities in [0, 1] applied to each request.
 *
 * @param port              port to listen on (0 picks a free one)
 * @param latency           time before the answer starts: the base of {@code uniform}, the median of
 *                          {@code lognormal}
 * @param jitter            for {@code uniform}: up to this much extra time
 * @param errorRate         share of requests answered 500
 * @param rateLimitRate     share of requests answered 429 with {@code Retry-After}
 * @param timeoutRate       share of requests that hang for {@link #hang} before answering 504
 * @param hang              how long a "timeout" request hangs
 * @param retryAfterSeconds value of {@code Retry-After} on 429 answers
 * @param latencyKind       how latency is drawn: {@code fixed}, {@code uniform} or {@code lognormal}
 * @param latencyP99        for {@code lognormal}: the 99th percentile
 * @param keyRpm            requests per minute allowed per API key (0: no limit); beyond, 429 with
 *                          {@code Retry-After} until the key's minute is over
 * @param keyTpm            tokens per minute allowed per API key (0: no limit), counting prompt and
 *                          {@code max_tokens}
 */
public record SimulatorConfig(int port, Duration latency, Duration jitter, double errorRate, double rateLimitRate,
        double timeoutRate, Duration hang, int retryAfterSeconds, Latency latencyKind, Duration latencyP99, int keyRpm,
        int keyTpm) {

    /** Uniform latency, no per-key limits. */
    public SimulatorConfig(int port, Duration latency, Duration jitter, double errorRate, double rateLimitRate,
            double timeoutRate, Duration hang, int retryAfterSeconds) {
        this(port, latency, jitter, errorRate, rateLimitRate, timeoutRate, hang, retryAfterSeconds, Latency.UNIFORM,
                Duration.ZERO, 0, 0);
    }

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
                Integer.parseInt(env.getOrDefault("SIMULATOR_RETRY_AFTER_SECONDS", Integer.toString(d.retryAfterSeconds()))),
                Latency.parse(env.getOrDefault("SIMULATOR_LATENCY_DISTRIBUTION", "uniform")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SIMULATOR_LATENCY_P99_MS", "0"))),
                Integer.parseInt(env.getOrDefault("SIMULATOR_KEY_RPM", "0")),
                Integer.parseInt(env.getOrDefault("SIMULATOR_KEY_TPM", "0")));
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, latency, jitter, errorRate, rateLimitRate, timeoutRate, hang,
                retryAfterSeconds, latencyKind, latencyP99, keyRpm, keyTpm);
    }

    /** The same, with per-key limits. */
    public SimulatorConfig withKeyLimits(int requestsPerMinute, int tokensPerMinute) {
        return new SimulatorConfig(port, latency, jitter, errorRate, rateLimitRate, timeoutRate, hang,
                retryAfterSeconds, latencyKind, latencyP99, requestsPerMinute, tokensPerMinute);
    }

    /** The same, with latency drawn from another distribution. */
    public SimulatorConfig withLatency(Latency kind, Duration median, Duration p99) {
        return new SimulatorConfig(port, median, jitter, errorRate, rateLimitRate, timeoutRate, hang,
                retryAfterSeconds, kind, p99, keyRpm, keyTpm);
    }
}
