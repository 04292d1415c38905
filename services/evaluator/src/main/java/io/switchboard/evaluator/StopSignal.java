package io.switchboard.evaluator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Whether the process has begun to stop. Shutdown closes the database pool and the producers while records are
 * still being scored; work that fails from then on failed because of the shutdown, not because of the record.
 */
@ApplicationScoped
public class StopSignal {

    private volatile boolean stopping;

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** For a test that plays the shutdown. */
    public void stopNow() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
