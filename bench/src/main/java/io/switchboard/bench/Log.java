package io.switchboard.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on stderr, so a long run shows where it is. */
public final class Log {

    private Log() {
    }

    public static void info(String format, Object... args) {
        System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + format.formatted(args));
    }
}
