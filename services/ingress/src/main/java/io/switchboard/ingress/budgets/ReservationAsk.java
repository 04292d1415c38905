package io.switchboard.ingress.budgets;

import java.time.Instant;
import java.util.List;

/**
 * The body of a reservation in billing's priced-by-targets form: the call (prompt tokens, completion cap) and the
 * targets ({@code provider}, {@code model}) the job's route may send it to; billing prices the worst case from its
 * catalog by the dearest target (snake_case on the wire, as the ingress's JSON is). {@code batch}: the job queues in
 * the batch lane, whose usage billing prices with the batch discount, so its worst case is priced so too.
 */
public record ReservationAsk(String jobId, String tenantId, String apiKeyId, String model, long promptTokens,
        long maxCompletionTokens, List<Target> targets, boolean batch, Instant expiresAt) {

    public record Target(String provider, String model) {
    }
}
