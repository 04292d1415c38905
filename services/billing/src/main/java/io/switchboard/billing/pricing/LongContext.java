package io.switchboard.billing.pricing;

/**
 * A long-context tier: when a request's prompt (all its input tokens, cached and cache writes included) is above
 * {@code abovePromptTokens}, these prices apply to the whole request, input and output alike, as Gemini 2.5 Pro and
 * Claude Sonnet 4's 1M context price requests over 200K tokens.
 */
public record LongContext(long abovePromptTokens, Rates prices) {
}
