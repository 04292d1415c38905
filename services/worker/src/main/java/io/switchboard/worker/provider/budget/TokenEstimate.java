package io.switchboard.worker.provider.budget;

import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.tokens.PromptTokens;

/**
 * Tokens a call is reserved before it is made: its prompt, counted as the router counts it, plus the most
 * it may answer. Providers count a call's {@code max_tokens} against the limit the same way before answering.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    /** {@code defaultMaxTokens} stands in for a request that sets no limit. */
    public static int of(ChatRequest request, int defaultMaxTokens) {
        return PromptTokens.count(request.messages())
                + (request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens);
    }
}
