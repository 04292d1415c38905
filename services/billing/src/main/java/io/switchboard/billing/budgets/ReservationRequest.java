package io.switchboard.billing.budgets;

import java.time.Instant;
import java.util.Set;

/**
 * What the ingress asks to reserve before it accepts a job: the job's worst case, which the ingress computes
 * (prompt tokens plus {@code max_tokens}; their cost at the current price as a cache miss), and when the
 * reservation lapses (the job's timeout, so a crashed replica's reservations are released by the sweeper).
 */
public record ReservationRequest(String jobId, String tenantId, String apiKeyId, String model,
        long worstCaseTokens, long worstCaseCostPusd, Instant expiresAt) {

    private static final Set<String> FIELDS = Set.of("job_id", "tenant_id", "api_key_id", "model",
            "worst_case_tokens", "worst_case_cost_pusd", "expires_at");

    static ReservationRequest from(String body) {
        BudgetJson json = BudgetJson.read(body, FIELDS);
        return new ReservationRequest(json.requiredText("job_id"), json.requiredText("tenant_id"),
                json.text("api_key_id"), json.requiredText("model"), json.requiredCount("worst_case_tokens"),
                json.requiredCount("worst_case_cost_pusd"), json.requiredInstant("expires_at"));
    }

    /** The amount to reserve against a budget of {@code unit}. */
    long amountIn(BudgetUnit unit) {
        return unit == BudgetUnit.USD ? worstCaseCostPusd : worstCaseTokens;
    }
}
