package io.switchboard.worker.provider.keys;

import java.util.Optional;

/**
 * One API key of the provider: its name (what routes and logs use), its secret (only ever sent to the
 * provider) and the limits the provider gives it, 0 meaning none.
 */
public record ProviderKey(String name, Optional<String> secret, int rpm, int tpm) {

    /** Names only: a key printed in a log or an exception message must not show its secret. */
    @Override
    public String toString() {
        return "ProviderKey[" + name + ", rpm=" + rpm + ", tpm=" + tpm + "]";
    }
}
