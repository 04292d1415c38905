package io.switchboard.contracts.events;

/**
 * What a record on {@code switchboard.usage.v1} carries, told apart by its CloudEvents type ({@code ce_type}): the
 * usage of a provider call, or a correction of usage booked before (contracts 0.15).
 */
public sealed interface UsageRecord permits TokensUsed, UsageCorrection {

    String tenantId();
}
