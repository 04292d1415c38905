package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer the simulator gives, before a wire format writes it.
 *
 * @param reply            the text
 * @param truncated        whether it was cut at the request's token limit
 * @param promptTokens     every prompt token, cached ones included
 * @param completionTokens every answer token, reasoning included
 * @param cachedTokens     prompt tokens reported as read from a cache
 * @param reasoningTokens  answer tokens reported as spent thinking
 * @param toolCall         the function the answer calls instead of replying, or null
 */
record SimulatedAnswer(String reply, boolean truncated, int promptTokens, int completionTokens, int cachedTokens,
        int reasoningTokens, SimulatedToolCall toolCall) {

    SimulatedAnswer(String reply, boolean truncated, int promptTokens, int completionTokens, int cachedTokens,
            int reasoningTokens) {
        this(reply, truncated, promptTokens, completionTokens, cachedTokens, reasoningTokens, null);
    }

    boolean callsTool() {
        return toolCall != null;
    }

    /** The pieces a stream sends: one word (with its trailing space) each. */
    List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        for (String word : reply.split("(?<= )")) {
            pieces.add(word);
        }
        return pieces;
    }
}
