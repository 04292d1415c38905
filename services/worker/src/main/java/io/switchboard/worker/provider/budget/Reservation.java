package io.switchboard.worker.provider.budget;

import io.switchboard.worker.provider.keys.ProviderKey;

/**
 * Budget taken for one call on one key: {@code tokens} (the estimate) under {@code id}, to be settled with
 * the tokens used or released if the call failed. An untracked reservation was not recorded (Redis did not
 * answer) and has nothing to settle.
 */
public record Reservation(ProviderKey key, String id, int tokens, boolean tracked) {
}
