package io.switchboard.contracts.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

/** Where a replay starts: the first record at or after a time, or an offset (of every partition, or of one). */
public sealed interface ReplayPoint {

    record FromTime(Instant time) implements ReplayPoint {
    }

    record FromOffset(long offset, OptionalInt partition) implements ReplayPoint {
    }

    /**
     * Reads the command's options: {@code --from-time 2026-12-05T10:00:00Z} (ISO-8601 with an offset) or
     * {@code --from-offset N [--partition P]}.
     */
    static ReplayPoint parse(String... options) {
        String time = null, offset = null, partition = null;
        for (int i = 0; i < options.length; i += 2) {
            String value = i + 1 < options.length ? options[i + 1] : null;
            if (value == null) {
                throw new ReplayRefused("option " + options[i] + " needs a value");
            }
            switch (options[i]) {
                case "--from-time" -> time = value;
                case "--from-offset" -> offset = value;
                case "--partition" -> partition = value;
                default -> throw new ReplayRefused("unknown option " + options[i]);
            }
        }
        if ((time == null) == (offset == null)) {
            throw new ReplayRefused("give either --from-time TIME or --from-offset N");
        }
        if (time != null) {
            if (partition != null) {
                throw new ReplayRefused("--partition goes with --from-offset only");
            }
            try {
                return new FromTime(OffsetDateTime.parse(time).toInstant());
            } catch (DateTimeParseException e) {
                throw new ReplayRefused("--from-time " + time + " is not an ISO-8601 time with an offset, such as "
                        + "2026-12-05T10:00:00Z");
            }
        }
        long from = number("--from-offset", offset);
        if (from < 0) {
            throw new ReplayRefused("--from-offset must be 0 or more");
        }
        return new FromOffset(from, partition == null ? OptionalInt.empty()
                : OptionalInt.of(Math.toIntExact(number("--partition", partition))));
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ReplayRefused(option + " " + value + " is not a whole number");
        }
    }
}
