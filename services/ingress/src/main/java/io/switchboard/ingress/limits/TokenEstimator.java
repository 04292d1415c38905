package io.switchboard.ingress.limits;

import jakarta.enterprise.context.ApplicationScoped;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.switchboard.ingress.jobs.JobSubmission;

/**
 * Estimates the tokens a request will use before it runs: its prompt counted with a real tokenizer
 * (cl100k_base, with OpenAI's per-message framing), plus the completion it may produce.
 */
@ApplicationScoped
public class TokenEstimator {

    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMER = 3;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private final LimitsConfig config;

    TokenEstimator(LimitsConfig config) {
        this.config = config;
    }

    public int estimate(JobSubmission submission) {
        int prompt = REPLY_PRIMER;
        for (var message : submission.messages()) {
            prompt += TOKENS_PER_MESSAGE + count(message.role()) + count(message.content()) + count(message.name());
        }
        Integer maxTokens = submission.effectiveMaxTokens();
        return prompt + (maxTokens != null ? maxTokens : config.assumedCompletionTokens());
    }

    private int count(String text) {
        return text == null ? 0 : encoding.countTokens(text);
    }
}
