package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of provider failure a route can fall back on. Anything else ({@link #OTHER}: a bad request,
 * an authentication failure) would fail the same way elsewhere and never falls back.
 */
public enum ErrorClass {
    TIMEOUT("timeout"),
    SERVER_ERROR("server_error"),
    RATE_LIMITED("rate_limited"),
    CONTEXT_LENGTH("context_length"),
    CONTENT_FILTER("content_filter"),
    OTHER("other");

    private final String wireName;

    ErrorClass(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ErrorClass fromWire(String value) {
        for (ErrorClass errorClass : values()) {
            if (errorClass.wireName.equals(value)) {
                return errorClass;
            }
        }
        throw new IllegalArgumentException("unknown error class '" + value + "'");
    }
}
