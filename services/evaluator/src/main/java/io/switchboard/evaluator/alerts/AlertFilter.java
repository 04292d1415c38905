package io.switchboard.evaluator.alerts;

import java.time.Instant;

import io.switchboard.contracts.events.QualityAlertKind;

/**
 * Which stored alerts a query covers; null means no filter. A null {@code tenant} means every tenant's alerts and the
 * evaluator's own (only the ingress calls this, naming the tenant unless its caller is the admin). {@code since} and
 * {@code until} bound {@code raised_at}; alerts are few, so no window is imposed.
 */
record AlertFilter(String tenant, QualityAlertKind kind, AlertState state, String route, String model, String variant,
        String metric, Instant since, Instant until) {
}
