package io.switchboard.contracts.events;

import io.switchboard.contracts.EventType;

/** Checks every event makes of itself when built or read from Kafka, so a bad record fails at the edge. */
final class EventContract {

    private EventContract() {
    }

    static <T> T required(T value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static int supportedVersion(int schemaVersion) {
        if (schemaVersion != EventType.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schema_version " + schemaVersion
                    + " (this reader understands " + EventType.SCHEMA_VERSION + ")");
        }
        return schemaVersion;
    }
}
