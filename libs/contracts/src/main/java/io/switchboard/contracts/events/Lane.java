package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a job came in, which decides how it queues at the worker: a caller waiting on the line
 * ({@code interactive}: synchronous chat completions) goes ahead of async jobs ({@code standard}),
 * which go ahead of batch lines ({@code batch}).
 */
public enum Lane {
    INTERACTIVE("interactive", 0),
    STANDARD("standard", 1),
    BATCH("batch", 2);

    private final String wireName;
    private final int rank;

    Lane(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** 0 is served first. */
    public int rank() {
        return rank;
    }

    @JsonCreator
    public static Lane fromWire(String value) {
        for (Lane lane : values()) {
            if (lane.wireName.equals(value)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("unknown lane '" + value + "'");
    }
}
