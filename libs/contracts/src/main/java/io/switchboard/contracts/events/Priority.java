package io.switchboard.contracts.events;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a job is to its tenant; schedulers serve higher priorities first. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority of a wire name, if it is one. */
    public static Optional<Priority> find(String value) {
        for (Priority priority : values()) {
            if (priority.wireName().equals(value)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    /** Reads a wire name strictly: an event with any other value breaks the contract. */
    @JsonCreator
    public static Priority fromWire(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("unknown priority '" + value + "'"));
    }
}
