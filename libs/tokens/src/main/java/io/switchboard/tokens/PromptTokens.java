package io.switchboard.tokens;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;

/**
 * The tokens a chat prompt takes: each message's text counted with cl100k_base, plus OpenAI's framing
 * of three tokens per message and three that prime the reply. An estimate for other tokenizers, exact
 * enough to decide limits and routes before the provider counts for real.
 *
 * <p>Tool calls and tool definitions are counted as their JSON text: providers render them into the prompt
 * in formats of their own, so this is an estimate of the same order, not their count. Images and audio are
 * not counted: their price depends on the provider's own rules of size and detail.
 */
public final class PromptTokens {

    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMER = 3;
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private PromptTokens() {
    }

    /**
     * Loads the tokenizer's vocabulary, which takes seconds the first time: services call it at start, so
     * that the first request's event loop does not pay for it (3 s blocked in a benchmark's router).
     */
    public static void load() {
        count(ENCODING.getName());
    }

    /** The messages and the tools the model is offered. */
    public static int count(ChatRequest request) {
        return count(request.messages()) + (request.tools() == null ? 0 : count(request.tools().toString()));
    }

    public static int count(List<ChatMessage> messages) {
        int tokens = REPLY_PRIMER;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + count(message.role()) + count(message.content()) + count(message.name())
                    + count(message.toolCallId()) + (message.hasToolCalls() ? count(message.toolCalls().toString()) : 0);
        }
        return tokens;
    }

    private static int count(String text) {
        return text == null ? 0 : ENCODING.countTokens(text);
    }
}
