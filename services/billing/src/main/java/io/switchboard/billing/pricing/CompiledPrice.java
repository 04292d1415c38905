package io.switchboard.billing.pricing;

import java.time.Instant;

import io.switchboard.billing.money.Money;

/**
 * A price version ready for the hot path: every price resolved to picodollars per token, with and without the
 * batch discount, once when the catalog is loaded. Pricing a usage is then a few multiplications, all exact.
 */
final class CompiledPrice {

    private final String versionId;
    private final Instant effectiveFrom;
    private final Instant effectiveTo;
    private final long longContextAbove;
    private final TokenRates base;
    private final TokenRates baseBatch;
    private final TokenRates longContext;
    private final TokenRates longContextBatch;

    CompiledPrice(PriceVersion version) {
        this.versionId = version.id();
        this.effectiveFrom = version.effectiveFrom();
        this.effectiveTo = version.effectiveTo();
        this.base = version.prices().perToken();
        this.baseBatch = base.discounted(version.batchDiscountPercent());
        if (version.longContext() == null) {
            this.longContextAbove = Long.MAX_VALUE;
            this.longContext = base;
            this.longContextBatch = baseBatch;
        } else {
            this.longContextAbove = version.longContext().abovePromptTokens();
            this.longContext = version.longContext().prices().perToken();
            this.longContextBatch = longContext.discounted(version.batchDiscountPercent());
        }
    }

    Instant effectiveFrom() {
        return effectiveFrom;
    }

    boolean inForceAt(Instant at) {
        return !at.isBefore(effectiveFrom) && (effectiveTo == null || at.isBefore(effectiveTo));
    }

    /**
     * The usage's cost line by line. The long-context tier, when the prompt is above it, prices the whole request;
     * the batch discount, when the usage went through the batch lane, applies to every line. Saved by the cache: a
     * response-cache hit saves all it would have cost (and costs nothing); a provider cache read saves the
     * difference between the input and the cached-input price. Saved by the batch: the list cost less the
     * discounted one.
     */
    PricedUsage price(UsageTokens tokens) {
        boolean longPrompt = tokens.promptTokens() > longContextAbove;
        TokenRates list = longPrompt ? longContext : base;
        TokenRates paid = tokens.batch() ? (longPrompt ? longContextBatch : baseBatch) : list;
        Lines atList = Lines.of(tokens, list);
        Lines charged = tokens.batch() ? Lines.of(tokens, paid) : atList;
        if (tokens.servedFromCache()) {
            return new PricedUsage(versionId, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                    charged.total(), Money.ZERO);
        }
        Money savedByCache = new Money(
                Math.multiplyExact(tokens.cachedTokens(), paid.input() - paid.cachedInput()));
        return new PricedUsage(versionId, charged.input, charged.cachedInput, charged.cacheWrite, charged.output,
                charged.reasoning, savedByCache, atList.total().minus(charged.total()));
    }

    /**
     * The most a call of {@code promptTokens} in and up to {@code completionTokens} out can cost at this price: every
     * prompt token as a cache miss, or as a cache write where that is dearer, and every completion token at the dearer
     * of output and reasoning. A job of the batch lane is priced with the batch discount, as {@link #price} will
     * price its usage; any other at list price.
     */
    Money worstCase(long promptTokens, long completionTokens, boolean batch) {
        boolean longPrompt = promptTokens > longContextAbove;
        TokenRates rates = batch ? (longPrompt ? longContextBatch : baseBatch) : (longPrompt ? longContext : base);
        long perPromptToken = Math.max(rates.input(), Math.max(rates.cacheWrite5m(), rates.cacheWrite1h()));
        long perCompletionToken = Math.max(rates.output(), rates.reasoning());
        return new Money(Math.addExact(Math.multiplyExact(promptTokens, perPromptToken),
                Math.multiplyExact(completionTokens, perCompletionToken)));
    }

    private record Lines(Money input, Money cachedInput, Money cacheWrite, Money output, Money reasoning) {

        static Lines of(UsageTokens tokens, TokenRates rates) {
            return new Lines(
                    times(tokens.uncachedInputTokens(), rates.input()),
                    times(tokens.cachedTokens(), rates.cachedInput()),
                    times(tokens.cacheWrite5mTokens(), rates.cacheWrite5m())
                            .plus(times(tokens.cacheWrite1hTokens(), rates.cacheWrite1h())),
                    times(tokens.plainOutputTokens(), rates.output()),
                    times(tokens.reasoningTokens(), rates.reasoning()));
        }

        Money total() {
            return input.plus(cachedInput).plus(cacheWrite).plus(output).plus(reasoning);
        }

        private static Money times(long tokens, long picoPerToken) {
            return new Money(Math.multiplyExact(tokens, picoPerToken));
        }
    }
}
