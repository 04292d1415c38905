package io.switchboard.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Why requests failed (HTTP status or exception), so a saturated step says what gave way. */
public final class Failures {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public boolean count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        return false;
    }

    public boolean exception(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return count(root.getClass().getSimpleName());
    }

    /** The counts so far, then cleared for the next run. */
    public Map<String, Long> drain() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((reason, n) -> out.put(reason, n.sumThenReset()));
        out.values().removeIf(n -> n == 0);
        return out;
    }
}
