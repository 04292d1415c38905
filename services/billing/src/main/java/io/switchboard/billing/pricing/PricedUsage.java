package io.switchboard.billing.pricing;

import io.switchboard.billing.money.Money;

/**
 * What one usage event costs, by the catalog price in force at the event's time, line by line. Cached
 * input and cache writes are priced apart from plain input; reasoning tokens apart from the rest of the
 * output. Savings are what the cache and the batch discount spared against the plain price.
 *
 * @param priceVersion the catalog entry used; null when the model has no price at that time (the usage is
 *                     still counted, its cost is unknown and every amount is zero)
 */
public record PricedUsage(
        String priceVersion,
        Money input,
        Money cachedInput,
        Money cacheWrite,
        Money output,
        Money reasoning,
        Money savedByCache,
        Money savedByBatch) {

    public static PricedUsage unpriced() {
        return new PricedUsage(null, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO);
    }

    public boolean priced() {
        return priceVersion != null;
    }

    public Money total() {
        return input.plus(cachedInput).plus(cacheWrite).plus(output).plus(reasoning);
    }

    public Money saved() {
        return savedByCache.plus(savedByBatch);
    }
}
