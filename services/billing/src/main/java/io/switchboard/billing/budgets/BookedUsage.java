package io.switchboard.billing.budgets;

import java.time.Instant;

import io.switchboard.billing.money.Money;

/**
 * A usage the ledger has just booked (inserted now, not seen before), as settlement needs it: who, on which key
 * and model alias, for which job, when it happened (its period), what it cost and how many tokens it used in all.
 */
public record BookedUsage(String tenantId, String apiKeyId, String model, String jobId, Instant occurredAt,
        Money cost, long totalTokens) {
}
