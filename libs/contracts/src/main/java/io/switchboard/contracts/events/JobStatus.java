package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a job is in its life. Statuses only move forward: {@link #rank()} orders them. */
public enum JobStatus {
    QUEUED(0),
    RUNNING(1),
    SUCCEEDED(2),
    FAILED(2),
    /** Cancelled by its tenant; outranks an outcome that arrives after the cancellation. */
    CANCELLED(3);

    private final int rank;

    JobStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
