package io.switchboard.evaluator.alerts;

import java.util.Arrays;
import java.util.Locale;

import io.switchboard.evaluator.api.InvalidRequest;

/**
 * Whether a {@code QUALITY_DEGRADED} still stands: {@code open} until a {@code QUALITY_RECOVERED} with its
 * {@code alarm_id} is stored, then {@code cleared}. Other kinds have no clearing event in the contract, so no state.
 */
enum AlertState {
    OPEN, CLEARED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AlertState parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(values()).filter(state -> state.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequest("Invalid 'state': expected 'open' or 'cleared' (only "
                        + "QUALITY_DEGRADED alerts have a state).", "state"));
    }
}
