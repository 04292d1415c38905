package io.switchboard.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of US dollars in picodollars (10⁻¹² USD). Catalog prices are quoted per million tokens
 * with at most six decimals, so a price per token is a whole number of picodollars and a cost of any
 * number of tokens is exact: nothing is rounded until an amount is shown. A {@code long} holds up to about
 * 9.2 million dollars, ample for one usage event; sums over many events are kept in PostgreSQL
 * {@code numeric}. Arithmetic fails loudly on overflow instead of wrapping.
 */
public record Money(long picoUsd) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    private static final int PICO_SCALE = 12;

    /**
     * The one rounding rule for amounts shown (API answers, exports): US dollars to six decimals (the micro-dollar),
     * half to even. Six decimals keep a single cheap request visible (gpt-4o-mini's 1,000 input tokens cost
     * $0.000150) and half-even rounding does not drift upward over many rows. Amounts are stored and summed
     * exactly; only what is shown is rounded, once.
     */
    public static final int DISPLAY_SCALE = 6;
    public static final RoundingMode DISPLAY_ROUNDING = RoundingMode.HALF_EVEN;

    /** An amount written in dollars, e.g. {@code "0.0375"}; more than twelve decimals is an error, not a rounding. */
    public static Money usd(String dollars) {
        return usd(new BigDecimal(dollars));
    }

    public static Money usd(BigDecimal dollars) {
        return new Money(dollars.movePointRight(PICO_SCALE).longValueExact());
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(picoUsd, other.picoUsd));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(picoUsd, other.picoUsd));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(picoUsd, factor));
    }

    /** The exact amount in dollars, twelve decimals. */
    public BigDecimal dollars() {
        return BigDecimal.valueOf(picoUsd, PICO_SCALE);
    }

    /** The amount as shown to people and tools: see {@link #DISPLAY_SCALE}. */
    public BigDecimal shown() {
        return shown(dollars());
    }

    /** An exact sum in dollars (e.g. a {@code numeric} total from PostgreSQL) as shown: see {@link #DISPLAY_SCALE}. */
    public static BigDecimal shown(BigDecimal exactDollars) {
        return exactDollars.setScale(DISPLAY_SCALE, DISPLAY_ROUNDING);
    }

    public boolean isZero() {
        return picoUsd == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(picoUsd, other.picoUsd);
    }
}
