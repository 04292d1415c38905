package io.switchboard.simulator;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;

/**
 * One provider's API as the simulator speaks it: where the key is, what a valid request is, and how
 * answers, streams and errors look. The simulator's behaviour (replies, token counts, faults, latency,
 * limits) is the same behind every format.
 */
interface WireFormat {

    /** The API key the request carries; null when it has none. */
    String apiKey(Headers headers, URI uri);

    /** Whether a request without a key is refused, as real providers do; local OpenAI-compatible servers do not. */
    default boolean requiresKey() {
        return true;
    }

    /**
     * Reads and validates the request.
     *
     * @throws RefusedRequest when the provider would refuse it
     */
    SimulatedRequest read(URI uri, Headers headers, JsonNode body) throws RefusedRequest;

    JsonNode completion(SimulatedRequest request, SimulatedAnswer answer);

    SimulatedStream stream(SimulatedRequest request, SimulatedAnswer answer, URI uri);

    SimulatedError error(Refusal refusal);

    /** Thrown by {@link #read} for a request the provider would refuse. */
    final class RefusedRequest extends Exception {

        private final transient Refusal refusal;

        RefusedRequest(Refusal.Kind kind, String message) {
            super(message, null, false, false);
            this.refusal = Refusal.of(kind, message);
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
