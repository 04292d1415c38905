package io.switchboard.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Exact picodollars, and the one rounding rule for what is shown: six decimals, half to even. */
class MoneyTest {

    @Test
    void amountsAreExactPicodollars() {
        assertEquals(new Money(150_000_000L), Money.usd("0.00015"));
        assertEquals(new BigDecimal("0.000150000000"), new Money(150_000_000L).dollars());
        assertThrows(ArithmeticException.class, () -> Money.usd("0.0000000000001"), "13 decimals is not rounded");
        assertThrows(ArithmeticException.class, () -> new Money(Long.MAX_VALUE).plus(new Money(1)));
    }

    @Test
    void shownAmountsAreRoundedHalfToEvenToSixDecimals() {
        // $0.0000125 is exactly half-way: to the even micro-dollar, $0.000012; $0.0000135 → $0.000014
        assertEquals(new BigDecimal("0.000012"), Money.usd("0.0000125").shown());
        assertEquals(new BigDecimal("0.000014"), Money.usd("0.0000135").shown());
        // above half-way rounds up, below down
        assertEquals(new BigDecimal("0.000013"), Money.usd("0.000012500001").shown());
        assertEquals(new BigDecimal("0.000001"), Money.usd("0.000000999").shown());
        assertEquals(new BigDecimal("1.234568"), Money.shown(new BigDecimal("1.2345675")));
        assertEquals(new BigDecimal("0.000000"), Money.ZERO.shown());
    }
}
