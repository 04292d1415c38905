package io.switchboard.simulator;

import java.time.Duration;

/**
 * A request the simulator answers with an error, written by each wire format in its provider's shape.
 *
 * @param promptTokens the request's prompt size, for {@link Kind#CONTEXT_LENGTH} messages
 * @param retryAfter   for {@link Kind#RATE_LIMITED}: how long to wait, also sent as {@code Retry-After}
 */
record Refusal(Kind kind, String message, int promptTokens, Duration retryAfter) {

    /** The simulated context window named in context-length errors. */
    static final int CONTEXT_WINDOW = 8192;

    enum Kind {
        /** No key, or one the provider does not accept. */
        UNAUTHENTICATED,
        /** A malformed or invalid request: {@code message} says what is wrong. */
        INVALID_REQUEST,
        /** The prompt does not fit the model's context window. */
        CONTEXT_LENGTH,
        /** Too many requests or tokens. */
        RATE_LIMITED,
        /** The provider failed (500). */
        SERVER_ERROR,
        /** The provider is overloaded (Anthropic's 529, 503 elsewhere). */
        OVERLOADED,
        /** The provider gave up on the request (504). */
        TIMEOUT,
        /** The provider's safety system refused the prompt. */
        CONTENT_FILTER,
        /** Not a route of the format. */
        NOT_FOUND
    }

    static Refusal of(Kind kind, String message) {
        return new Refusal(kind, message, 0, null);
    }
}
