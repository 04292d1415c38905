package io.switchboard.billing.pricing;

import java.time.Instant;

/**
 * One version of a model's price, in force from {@code effectiveFrom} (inclusive) to {@code effectiveTo}
 * (exclusive; null while it is the current one). Versions are never edited: a new price is a new version, and
 * adding it closes the open one at the new one's {@code effectiveFrom}.
 *
 * @param id                   stable across replicas and environments: derived from provider, model and start
 * @param provider             as the worker that calls it is named ({@code switchboard.worker.provider})
 * @param providerModel        the provider's own model name, as usage events carry it in {@code provider_model}
 * @param longContext          null when the model has one price whatever the prompt's length
 * @param batchDiscountPercent taken off every price for usage submitted through the batch lane (0 to 100)
 * @param source               where the price was read: the provider's pricing page, or why it is made up
 * @param readOn               when it was read there, as precisely as known (e.g. {@code 2025-09})
 * @param simulated            a price we chose for the provider simulator's models, not a provider's
 */
public record PriceVersion(
        String id,
        String provider,
        String providerModel,
        Instant effectiveFrom,
        Instant effectiveTo,
        Rates prices,
        LongContext longContext,
        int batchDiscountPercent,
        String source,
        String readOn,
        boolean simulated,
        String note) {
}
