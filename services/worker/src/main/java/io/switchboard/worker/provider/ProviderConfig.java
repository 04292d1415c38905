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

    /** Base URL of the provider's OpenAI-compatible API, up to and including {@code /v1}. */
    @WithDefault("http://127.0.0.1:8090/v1")
    String baseUrl();

    /**
     * The provider's API key. Set it from the environment (e.g. {@code SWITCHBOARD_WORKER_API_KEY}) or a
     * secret file; it is only ever sent to the provider.
     */
    Optional<String> apiKey();

    /** Time allowed for one provider call. */
    @WithDefault("60s")
    Duration timeout();

    /** Calls per job, the first included, before the job fails. */
    @WithDefault("4")
    int maxAttempts();

    /** Wait before the first retry; doubled at each further one. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** Longest {@code Retry-After} honoured; a provider asking for longer gets this. */
    @WithDefault("30s")
    Duration maxRetryAfter();
}
