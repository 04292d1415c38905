package io.switchboard.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the simulator was asked, per API key, for tests that check a gateway's behaviour at the provider:
 * calls received and calls refused 429 by the per-key limits. Keys are shown masked, by their last four
 * characters, so that the counts can be read without showing a key.
 */
final class CallCounts {

    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> limited = new ConcurrentHashMap<>();

    void received(String key) {
        received.computeIfAbsent(masked(key), k -> new AtomicLong()).incrementAndGet();
    }

    void limited(String key) {
        limited.computeIfAbsent(masked(key), k -> new AtomicLong()).incrementAndGet();
    }

    /** {@code {"received": {"…abcd": n}, "rate_limited": {"…abcd": n}}} */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode in = root.putObject("received");
        new TreeMap<>(received).forEach((key, count) -> in.put(key, count.get()));
        ObjectNode refused = root.putObject("rate_limited");
        new TreeMap<>(limited).forEach((key, count) -> refused.put(key, count.get()));
        return root;
    }

    static String masked(String key) {
        return key.length() <= 4 ? "…" : "…" + key.substring(key.length() - 4);
    }
}
