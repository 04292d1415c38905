package io.switchboard.tokens;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.switchboard.contracts.events.ChatMessage;

/**
 * The tokens a chat prompt takes: each message's text counted with cl100k_base, plus OpenAI's framing
 * of three tokens per message and three that prime the reply. An estimate for other tokenizers, exact
 * enough to decide limits and routes before the provider counts for real.
 */
public final class PromptTokens {

    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMER = 3;
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private PromptTokens() {
    }

    public static int count(List<ChatMessage> messages) {
        int tokens = REPLY_PRIMER;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + count(message.role()) + count(message.content()) + count(message.name());
        }
        return tokens;
    }

    private static int count(String text) {
        return text == null ? 0 : ENCODING.countTokens(text);
    }
}
