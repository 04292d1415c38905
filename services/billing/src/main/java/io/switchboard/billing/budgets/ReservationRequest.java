package io.switchboard.billing.budgets;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the ingress asks to reserve before it accepts a job: the job's worst case, and when the reservation lapses
 * (the job's timeout, so a crashed replica's reservations are released by the sweeper).
 *
 * <p>The worst case comes in one of two forms. Either the caller prices it ({@code worst_case_tokens},
 * {@code worst_case_cost_pusd}), or it names the call ({@code prompt_tokens}, {@code max_completion_tokens}) and the
 * {@code targets} ({@code provider}, {@code model}) its route may send it to, and billing prices it from its catalog
 * by the dearest target ({@link WorstCases}): the ingress's way, so that it needs no copy of the price catalog. In
 * that form, {@code "batch": true} marks a job of the batch lane, whose worst case is priced with the batch discount
 * (the ledger prices its usage so); absent or false, at list price.
 *
 * @param worstCaseCostPusd null when a target has no price in force: the cost has no bound, and a hard budget in
 *                          money refuses the job (see {@link #unpricedTargets})
 * @param unpricedTargets   the targets ({@code provider/model}) that have no price in force, if any
 */
public record ReservationRequest(String jobId, String tenantId, String apiKeyId, String model,
        long worstCaseTokens, Long worstCaseCostPusd, List<String> unpricedTargets, Instant expiresAt) {

    private static final Set<String> FIELDS = Set.of("job_id", "tenant_id", "api_key_id", "model",
            "worst_case_tokens", "worst_case_cost_pusd", "prompt_tokens", "max_completion_tokens", "targets",
            "batch", "expires_at");

    public ReservationRequest {
        unpricedTargets = unpricedTargets == null ? List.of() : List.copyOf(unpricedTargets);
    }

    /** A request priced by its caller. */
    public ReservationRequest(String jobId, String tenantId, String apiKeyId, String model, long worstCaseTokens,
            long worstCaseCostPusd, Instant expiresAt) {
        this(jobId, tenantId, apiKeyId, model, worstCaseTokens, Long.valueOf(worstCaseCostPusd), List.of(), expiresAt);
    }

    static ReservationRequest from(String body, WorstCases worstCases) {
        BudgetJson json = BudgetJson.read(body, FIELDS);
        String jobId = json.requiredText("job_id");
        String tenantId = json.requiredText("tenant_id");
        String apiKeyId = json.text("api_key_id");
        String model = json.requiredText("model");
        Instant expiresAt = json.requiredInstant("expires_at");
        if (json.has("worst_case_cost_pusd") || !json.has("targets")) {
            return new ReservationRequest(jobId, tenantId, apiKeyId, model, json.requiredCount("worst_case_tokens"),
                    json.requiredCount("worst_case_cost_pusd"), expiresAt);
        }
        long prompt = json.requiredCount("prompt_tokens");
        long completion = json.requiredCount("max_completion_tokens");
        List<WorstCases.Target> targets = json.requiredObjects("targets", "provider", "model").stream()
                .map(target -> new WorstCases.Target(target.get(0), target.get(1))).toList();
        WorstCases.Priced priced = worstCases.price(targets, prompt, completion, json.flag("batch"), Instant.now());
        long tokens = json.has("worst_case_tokens") ? json.requiredCount("worst_case_tokens")
                : Math.addExact(prompt, completion);
        return new ReservationRequest(jobId, tenantId, apiKeyId, model, tokens, priced.costPusd(), priced.unpriced(),
                expiresAt);
    }

    /** The amount to reserve against a budget of {@code unit}; null for money when the cost has no bound. */
    Long amountIn(BudgetUnit unit) {
        return unit == BudgetUnit.USD ? worstCaseCostPusd : Long.valueOf(worstCaseTokens);
    }
}
