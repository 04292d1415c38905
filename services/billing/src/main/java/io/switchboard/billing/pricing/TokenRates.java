package io.switchboard.billing.pricing;

/** A price set resolved to whole picodollars per token, every fallback applied. */
record TokenRates(long input, long cachedInput, long cacheWrite5m, long cacheWrite1h, long output, long reasoning) {

    /**
     * These rates less a batch discount of {@code percent}. Exact: the catalog refuses a discount that would leave a
     * fraction of a picodollar per token (see {@link #discountIsExact}).
     */
    TokenRates discounted(int percent) {
        return new TokenRates(off(input, percent), off(cachedInput, percent), off(cacheWrite5m, percent),
                off(cacheWrite1h, percent), off(output, percent), off(reasoning, percent));
    }

    boolean discountIsExact(int percent) {
        long keep = 100L - percent;
        return Math.multiplyExact(input, keep) % 100 == 0 && Math.multiplyExact(cachedInput, keep) % 100 == 0
                && Math.multiplyExact(cacheWrite5m, keep) % 100 == 0
                && Math.multiplyExact(cacheWrite1h, keep) % 100 == 0
                && Math.multiplyExact(output, keep) % 100 == 0 && Math.multiplyExact(reasoning, keep) % 100 == 0;
    }

    private static long off(long picoPerToken, int percent) {
        return Math.multiplyExact(picoPerToken, 100L - percent) / 100;
    }
}
