package io.switchboard.billing.ledger;

import java.util.Arrays;
import java.util.List;

import io.switchboard.billing.money.Money;
import io.switchboard.billing.pricing.PricedUsage;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The signed lines of a ledger entry, or of an entry as it stands with its corrections: every token count and every
 * amount, in the ledger's column order. Exact {@code long} arithmetic that fails on overflow, as {@link Money}.
 */
record EntryLines(long[] tokens, long[] money) {

    static final List<String> TOKENS = List.of("prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens",
            "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens");
    static final List<String> MONEY = List.of("input_pusd", "cached_input_pusd", "cache_write_pusd", "output_pusd",
            "reasoning_pusd", "saved_by_cache_pusd", "saved_by_batch_pusd");

    static EntryLines of(Row row) {
        return new EntryLines(TOKENS.stream().mapToLong(row::getLong).toArray(),
                MONEY.stream().mapToLong(row::getLong).toArray());
    }

    static EntryLines of(BookedTokens tokens, PricedUsage price) {
        return new EntryLines(tokens.counts(), new long[] { price.input().picoUsd(), price.cachedInput().picoUsd(),
                price.cacheWrite().picoUsd(), price.output().picoUsd(), price.reasoning().picoUsd(),
                price.savedByCache().picoUsd(), price.savedByBatch().picoUsd() });
    }

    EntryLines plus(EntryLines other) {
        long[] t = new long[tokens.length];
        long[] m = new long[money.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.addExact(tokens[i], other.tokens[i]);
        }
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.addExact(money[i], other.money[i]);
        }
        return new EntryLines(t, m);
    }

    EntryLines negated() {
        return new EntryLines(Arrays.stream(tokens).map(Math::negateExact).toArray(),
                Arrays.stream(money).map(Math::negateExact).toArray());
    }

    EntryLines minus(EntryLines other) {
        return plus(other.negated());
    }

    long totalTokens() {
        return tokens[2];
    }

    /** The five cost lines (input, cached input, cache write, output, reasoning): what budgets spend. */
    Money cost() {
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            sum = Math.addExact(sum, money[i]);
        }
        return new Money(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntryLines lines && Arrays.equals(tokens, lines.tokens)
                && Arrays.equals(money, lines.money);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(money);
    }

    @Override
    public String toString() {
        return "EntryLines" + Arrays.toString(tokens) + Arrays.toString(money);
    }
}
