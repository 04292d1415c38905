package io.switchboard.ingress.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.tokens.PromptTokens;

/**
 * Estimates the tokens a request will use before it runs: its prompt counted with a real tokenizer
 * (cl100k_base, with OpenAI's per-message framing), plus the completion it may produce.
 */
@ApplicationScoped
public class TokenEstimator {

    private final LimitsConfig config;

    TokenEstimator(LimitsConfig config) {
        this.config = config;
    }

    void loadTheTokenizer(@Observes StartupEvent start) {
        PromptTokens.load();
    }

    public int estimate(JobSubmission submission) {
        return estimate(submission, promptTokens(submission));
    }

    /** The estimate of a submission whose prompt was counted already ({@link #promptTokens}). */
    public int estimate(JobSubmission submission, int promptTokens) {
        Integer maxTokens = submission.effectiveMaxTokens();
        return promptTokens + (maxTokens != null ? maxTokens : config.assumedCompletionTokens());
    }

    /** The prompt's tokens, framing included. */
    public int promptTokens(JobSubmission submission) {
        return PromptTokens.count(submission.toChatRequest());
    }
}
