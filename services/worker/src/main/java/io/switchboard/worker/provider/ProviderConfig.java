package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The one provider this worker serves. Scale a provider by running more workers with the same name. */
@ConfigMapping(prefix = "switchboard.worker")
public interface ProviderConfig {

    /** Provider name; the worker consumes {@code switchboard.dispatch.<provider>.v1}. */
    @WithDefault("simulator")
    String provider();

    /** The wire format the provider speaks. */
    @WithDefault("openai")
    Adapter adapter();

    /**
     * Base URL of the provider's API. For {@code openai} and {@code openai-compatible}, up to and including
     * {@code /v1} (e.g. {@code https://api.openai.com/v1}, {@code http://vllm:8000/v1}); for the others, the
     * host alone: {@code https://api.anthropic.com}, {@code https://generativelanguage.googleapis.com},
     * {@code https://<resource>.openai.azure.com}.
     */
    @WithDefault("http://127.0.0.1:8090/v1")
    String baseUrl();

    /**
     * The provider's API key, the key named {@code default} when {@code keys.*} names no other (see
     * {@code ProviderKeys}). Set it from the environment (e.g. {@code SWITCHBOARD_WORKER_API_KEY}) or a
     * secret file; it is only ever sent to the provider.
     */
    Optional<String> apiKey();

    /** Time allowed for one provider call. */
    @WithDefault("60s")
    Duration timeout();

    /** Calls of a job at one target, the first included, before it falls back or fails. */
    @WithDefault("4")
    int maxAttempts();

    /** Base of the wait before a retry: doubled at each further one, then drawn with equal jitter. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** Cap of the doubled backoff, before jitter. */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /** Longest {@code Retry-After} honoured; a provider asking for longer gets this. */
    @WithDefault("30s")
    Duration maxRetryAfter();

    /**
     * {@code max_tokens} sent to providers that require one (Anthropic) when the request sets none. OpenAI's
     * API has no such requirement; this value is only a default for those that do.
     */
    @WithDefault("4096")
    int defaultMaxTokens();

    /** Anthropic's API version header, {@code anthropic-version}. */
    @WithDefault("2023-06-01")
    String anthropicVersion();

    /** Azure OpenAI's {@code api-version} query parameter; the deployment is the job's provider model. */
    @WithDefault("2024-10-21")
    String azureApiVersion();

    /** The wire formats a worker can speak. */
    enum Adapter {
        /** OpenAI's chat completions ({@code POST /chat/completions}, bearer key). */
        OPENAI,
        /** Azure OpenAI: OpenAI's format under {@code /openai/deployments/<deployment>}, {@code api-key} header. */
        AZURE_OPENAI,
        /** Anthropic's Messages API ({@code POST /v1/messages}). */
        ANTHROPIC,
        /** Google's Gemini API ({@code generateContent}, {@code streamGenerateContent}). */
        GEMINI,
        /** Servers that copy OpenAI's API (vLLM, Ollama, Together, Groq...): lenient about errors and fields. */
        OPENAI_COMPATIBLE
    }
}
