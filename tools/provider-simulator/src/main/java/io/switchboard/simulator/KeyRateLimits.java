package io.switchboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests and tokens per minute per API key, as providers limit them: a fixed one-minute window per key
 * that opens with the key's first request. A request is charged its prompt tokens plus its
 * {@code max_tokens}, as OpenAI estimates it before answering. Zero turns a limit off.
 */
final class KeyRateLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        Instant start;
        int requests;
        long tokens;
    }

    KeyRateLimits(int requestsPerMinute, int tokensPerMinute, Clock clock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.clock = clock;
    }

    /** Null when the request is within the key's limits (and is counted), else how long until the window reopens. */
    synchronized Duration admit(String key, int tokens) {
        if (requestsPerMinute <= 0 && tokensPerMinute <= 0) {
            return null;
        }
        Instant now = clock.instant();
        Window window = windows.computeIfAbsent(key, k -> new Window());
        if (window.start == null || !now.isBefore(window.start.plus(WINDOW))) {
            window.start = now;
            window.requests = 0;
            window.tokens = 0;
        }
        boolean tooManyRequests = requestsPerMinute > 0 && window.requests + 1 > requestsPerMinute;
        boolean tooManyTokens = tokensPerMinute > 0 && window.tokens + tokens > tokensPerMinute;
        if (tooManyRequests || tooManyTokens) {
            long waitMs = Duration.between(now, window.start.plus(WINDOW)).toMillis();
            return Duration.ofSeconds(Math.max(1, (waitMs + 999) / 1000));
        }
        window.requests++;
        window.tokens += tokens;
        return null;
    }

    /** What a refused request is told. */
    String describe() {
        return "Rate limit reached for this key (simulated): %s requests and %s tokens per minute."
                .formatted(requestsPerMinute > 0 ? requestsPerMinute : "unlimited",
                        tokensPerMinute > 0 ? tokensPerMinute : "unlimited");
    }
}
