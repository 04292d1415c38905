package io.switchboard.billing.pricing;

import java.math.BigDecimal;

/**
 * A price per million tokens as whole picodollars per token: $x per 10⁶ tokens is x·10⁻⁶ $ = x·10⁶ pUSD per
 * token, exact because the catalog accepts at most six decimals.
 */
final class PerToken {

    /** Prices per million tokens carry at most this many decimals, so a price per token is whole picodollars. */
    static final int MAX_DECIMALS = 6;

    private PerToken() {
    }

    static long of(BigDecimal perMillionTokens) {
        return perMillionTokens.movePointRight(MAX_DECIMALS).longValueExact();
    }
}
