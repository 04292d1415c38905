package io.switchboard.simulator;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens as OpenAI's chat models do (cl100k_base), including the per-message framing
 * overhead, so that simulated usage figures are realistic.
 */
final class TokenCounter {

    // See OpenAI's cookbook "How to count tokens with tiktoken": 3 tokens frame each message and
    // 3 more prime the assistant's reply.
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMER = 3;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    int prompt(List<SimulatedMessage> messages) {
        int total = REPLY_PRIMER;
        for (SimulatedMessage message : messages) {
            total += TOKENS_PER_MESSAGE + count(message.role()) + count(message.content());
        }
        return total;
    }

    int count(String text) {
        return text == null ? 0 : encoding.countTokens(text);
    }

    /** The longest prefix of {@code text} that fits in {@code maxTokens}. */
    String truncate(String text, int maxTokens) {
        var tokens = encoding.encode(text, maxTokens);
        return encoding.decode(tokens.getTokens());
    }
}
