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
 * @param cacheWrites      prompt tokens reported as written to a cache (only Anthropic's format says so), and of
 *                         those, how many for an hour rather than five minutes
 */
record SimulatedAnswer(String reply, boolean truncated, int promptTokens, int completionTokens, int cachedTokens,
        int reasoningTokens, SimulatedToolCall toolCall, CacheWrites cacheWrites) {

    /** Prompt tokens written to the provider's prompt cache: {@code total}, of which {@code oneHour} for an hour. */
    record CacheWrites(int total, int oneHour) {

        static final CacheWrites NONE = new CacheWrites(0, 0);

        int fiveMinutes() {
            return total - oneHour;
        }
    }

    SimulatedAnswer(String reply, boolean truncated, int promptTokens, int completionTokens, int cachedTokens,
            int reasoningTokens) {
        this(reply, truncated, promptTokens, completionTokens, cachedTokens, reasoningTokens, null, CacheWrites.NONE);
    }

    SimulatedAnswer(String reply, boolean truncated, int promptTokens, int completionTokens, int cachedTokens,
            int reasoningTokens, SimulatedToolCall toolCall) {
        this(reply, truncated, promptTokens, completionTokens, cachedTokens, reasoningTokens, toolCall,
                CacheWrites.NONE);
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
