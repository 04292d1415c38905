package io.switchboard.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request asks of the simulator in its last user message, so that tests can drive each path
 * deterministically: {@code [simulate:429]} on every call, {@code [simulate:429x2]} on the first two calls
 * carrying the same {@code X-Client-Request-Id} (so a retry can succeed).
 *
 * <ul>
 * <li>{@code 429}, {@code 500}, {@code overloaded} (Anthropic's 529, 503 elsewhere), {@code context-length}
 * (400 in the provider's words), {@code content-filter} (the prompt refused by the provider's safety system),
 * {@code timeout} (hangs, then 504): errors in the provider's format;</li>
 * <li>{@code slow}: the answer comes {@link ProviderSimulator#SLOW_ANSWER} later, so a call is still in flight
 * when a test kills the caller;</li>
 * <li>{@code slow-stream}, {@code cut-stream}: a stream's chunks spaced out, or cut off half way;</li>
 * <li>{@code usage-details}: usage reports half the prompt as cached and some reasoning tokens;</li>
 * <li>{@code cache-write}: as {@code usage-details}, and a quarter of the prompt written to the prompt cache,
 * half of that for an hour (reported where the format can say it: Anthropic's);</li>
 * <li>{@code tool-call}: the answer calls the first tool the request offers, streamed or not.</li>
 * </ul>
 */
final class Directives {

    private static final Pattern DIRECTIVE = Pattern.compile(
            "\\[simulate:(429|500|overloaded|context-length|content-filter|timeout|slow|slow-stream|cut-stream|usage-details|cache-write|tool-call)(?:x(\\d+))?]");

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** The directive in force for this call, or null. */
    String asked(String lastUser, String requestId) {
        Matcher matcher = DIRECTIVE.matcher(lastUser);
        if (!matcher.find()) {
            return null;
        }
        if (matcher.group(2) == null) {
            return matcher.group(1);
        }
        int calls = attempts.merge(requestId == null ? "" : requestId, 1, Integer::sum);
        return calls <= Integer.parseInt(matcher.group(2)) ? matcher.group(1) : null;
    }
}
