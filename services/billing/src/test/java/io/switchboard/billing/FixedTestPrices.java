package io.switchboard.billing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.switchboard.billing.money.Money;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.billing.pricing.Pricer;
import io.switchboard.contracts.events.TokensUsed;

/**
 * TEST ONLY: fixed prices, so that the ledger's tests can assert exact money without the catalog. Every model
 * costs $1 per million input tokens and $2 per million output tokens (cache and reasoning parts at the same
 * rates); the model {@value #UNPRICED} has no price. It overrides the catalog's pricer in every test of the module.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FixedTestPrices implements Pricer {

    public static final String VERSION = "test-fixed-prices";
    public static final String UNPRICED = "model-without-a-price";
    public static final Money INPUT_PER_TOKEN = Money.usd("0.000001");
    public static final Money OUTPUT_PER_TOKEN = Money.usd("0.000002");

    @Override
    public PricedUsage price(TokensUsed usage) {
        if (UNPRICED.equals(usage.model())) {
            return PricedUsage.unpriced();
        }
        Money input = INPUT_PER_TOKEN.times(usage.promptTokens());
        Money output = OUTPUT_PER_TOKEN.times(usage.completionTokens());
        if (usage.servedFromCache()) { // as the catalog prices it: costs nothing, saves all
            return new PricedUsage(VERSION, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                    input.plus(output), Money.ZERO);
        }
        return new PricedUsage(VERSION, input, Money.ZERO, Money.ZERO, output, Money.ZERO, Money.ZERO, Money.ZERO);
    }
}
