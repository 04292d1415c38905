package io.switchboard.worker.provider.keys;

import java.util.List;

/** Which keys a job may be called with: the one its route names, or all for the budget to choose from. */
public sealed interface KeyChoice {

    /** The keys to choose among, the one with most budget left winning. */
    record Among(List<ProviderKey> keys) implements KeyChoice {
    }

    /** The route names credentials this worker does not hold. */
    record Unknown(String name) implements KeyChoice {
    }
}
