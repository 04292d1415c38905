package io.switchboard.contracts.events;

import java.math.BigDecimal;

/** The checks every amount of billing's events passes: parts and total agree, dollars and picodollars agree. */
final class Amounts {

    static final int PICO_SCALE = 12;

    private Amounts() {
    }

    /**
     * {@code total} is the sum of {@code parts}, none negative, and {@code dollars} is {@code total} written with
     * twelve decimals: a reader never has to choose between two figures that disagree.
     */
    static void check(String name, long total, String dollars, long... parts) {
        checkSigned(name, total, dollars, parts);
        for (long part : parts) {
            if (part < 0) {
                throw new IllegalArgumentException("the " + name + " lines must not be negative");
            }
        }
    }

    /** As {@link #check}, for amounts that may be negative (a correction taking usage back). */
    static void checkSigned(String name, long total, String dollars, long... parts) {
        long sum = 0;
        for (long part : parts) {
            sum = Math.addExact(sum, part);
        }
        if (sum != total) {
            throw new IllegalArgumentException(name + "_pusd " + total + " is not the sum of its lines, " + sum);
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(dollars);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "_usd is not a decimal number");
        }
        if (exact.scale() != PICO_SCALE || exact.compareTo(BigDecimal.valueOf(total, PICO_SCALE)) != 0) {
            throw new IllegalArgumentException(name + "_usd must be " + name + "_pusd in dollars with 12 decimals");
        }
    }
}
