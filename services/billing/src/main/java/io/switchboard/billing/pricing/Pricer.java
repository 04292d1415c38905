package io.switchboard.billing.pricing;

import io.switchboard.contracts.events.TokensUsed;

/**
 * Prices usage by the catalog version in force at the usage's event time. Called inside the ledger's
 * flush for every new event, so it answers from memory and never blocks.
 */
public interface Pricer {

    PricedUsage price(TokensUsed usage);
}
