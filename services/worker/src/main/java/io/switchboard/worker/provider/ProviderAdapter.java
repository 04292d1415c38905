package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.JobDispatched;

/**
 * Speaks one provider's wire format. An adapter only maps: our OpenAI-style request to the provider's
 * HTTP request, the provider's answers and stream events back to OpenAI {@code chat.completion} and
 * {@code chat.completion.chunk} objects, and its errors to {@link ProviderOutcome.Failed} with OpenAI-style
 * codes. Sending, reading streams and timeouts are {@link ProviderClient}'s, retries the dispatch's, the same
 * for every provider.
 */
public interface ProviderAdapter {

    /**
     * The HTTP request asking the provider for the job's answer, in one piece or streamed, authenticated
     * with {@code apiKey} (the key chosen for this call; absent for servers that need none).
     */
    ProviderRequest request(JobDispatched job, boolean stream, Optional<String> apiKey);

    /** A 2xx answer (its body, null when it was not JSON) as an OpenAI chat.completion, or why it is not one. */
    ProviderOutcome answer(JsonNode body);

    /**
     * A non-2xx answer as a failure with an OpenAI-style code.
     *
     * @param body       the error body, null when it was not JSON
     * @param retryAfter the {@code Retry-After} header's wait, null when absent
     */
    ProviderOutcome.Failed failure(int status, JsonNode body, Duration retryAfter);

    /** A translator for one streamed answer: each call gets a fresh one. */
    StreamTranslator streamTranslator();
}
