package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LimitsAndLatencyTest {

    @Test
    void aKeyOverItsRequestsPerMinuteIsToldToWaitForItsWindowToReopen() {
        MutableClock clock = new MutableClock();
        KeyRateLimits limits = new KeyRateLimits(2, 0, clock);

        assertNull(limits.admit("a", 10));
        clock.advance(Duration.ofSeconds(20));
        assertNull(limits.admit("a", 10));
        assertEquals(Duration.ofSeconds(40), limits.admit("a", 10));
        assertNull(limits.admit("b", 10), "limits are per key");
        clock.advance(Duration.ofSeconds(40));
        assertNull(limits.admit("a", 10), "a new minute");
    }

    @Test
    void aKeyOverItsTokensPerMinuteIsRefusedUntilTheWindowReopens() {
        MutableClock clock = new MutableClock();
        KeyRateLimits limits = new KeyRateLimits(0, 100, clock);

        assertNull(limits.admit("a", 60));
        assertNotNull(limits.admit("a", 60));
        assertNull(limits.admit("a", 40), "what is left of the budget can still be spent");
    }

    @Test
    void overTheLimitEachFormatAnswers429WithRetryAfterInItsOwnShape() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO,
                0, 0, 0, Duration.ofMillis(200), 1).withKeyLimits(1, 0))) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            String anthropic = """
                    {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
            String[] headers = { "x-api-key", "limited", "anthropic-version", "2023-06-01" };
            assertEquals(200, http.post(AnthropicFormat.PATH, anthropic, headers).statusCode());
            HttpResponse<String> refused = http.post(AnthropicFormat.PATH, anthropic, headers);
            assertEquals(429, refused.statusCode());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 60, "until the key's minute is over: " + retryAfter);
            assertEquals("rate_limit_error", SimulatorHttp.json(refused).at("/error/type").asText());

            HttpResponse<String> gemini = http.post("/v1beta/models/g:generateContent", """
                    {"contents":[{"parts":[{"text":"hi"}]}]}""", "x-goog-api-key", "limited");
            assertEquals(429, gemini.statusCode(), "the same key, whichever format it calls");
            assertEquals("RESOURCE_EXHAUSTED", SimulatorHttp.json(gemini).at("/error/status").asText());
            assertTrue(gemini.headers().firstValue("Retry-After").isPresent());
        }
    }

    @Test
    void lognormalLatencyHasTheConfiguredMedianAndP99() {
        SplittableRandom random = new SplittableRandom(42);
        long[] draws = new long[20_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = Latency.LOGNORMAL.draw(Duration.ofMillis(100), Duration.ZERO, Duration.ofMillis(1000), random)
                    .toMillis();
        }
        Arrays.sort(draws);
        assertEquals(100, draws[draws.length / 2], 8);
        assertEquals(1000, draws[draws.length * 99 / 100], 150);
    }

    @Test
    void fixedAndUniformLatencyStayInTheirBounds() {
        SplittableRandom random = new SplittableRandom(7);
        assertEquals(Duration.ofMillis(30), Latency.FIXED.draw(Duration.ofMillis(30), Duration.ofMillis(50),
                Duration.ZERO, random));
        for (int i = 0; i < 1000; i++) {
            long ms = Latency.UNIFORM.draw(Duration.ofMillis(30), Duration.ofMillis(50), Duration.ZERO, random).toMillis();
            assertTrue(ms >= 30 && ms <= 80, ms + " ms");
        }
    }

    @Test
    void theEnvironmentConfiguresLatencyAndKeyLimits() {
        SimulatorConfig config = SimulatorConfig.fromEnvironment(Map.of("SIMULATOR_LATENCY_DISTRIBUTION", "lognormal",
                "SIMULATOR_LATENCY_MS", "200", "SIMULATOR_LATENCY_P99_MS", "2000", "SIMULATOR_KEY_RPM", "60",
                "SIMULATOR_KEY_TPM", "40000"));

        assertEquals(Latency.LOGNORMAL, config.latencyKind());
        assertEquals(Duration.ofMillis(2000), config.latencyP99());
        assertEquals(60, config.keyRpm());
        assertEquals(40000, config.keyTpm());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
