package io.switchboard.worker.provider.circuit;

import io.switchboard.worker.provider.ProviderOutcome;

/**
 * Carries a failed call through the circuit breaker, which counts only failures it sees thrown; the
 * outcome is given back unchanged once it has been counted. No stack: it is a signal, not an error.
 */
final class TargetFailure extends RuntimeException {

    private final transient ProviderOutcome.Failed outcome;

    TargetFailure(ProviderOutcome.Failed outcome) {
        super(outcome.code(), null, false, false);
        this.outcome = outcome;
    }

    ProviderOutcome.Failed outcome() {
        return outcome;
    }
}
