package io.switchboard.worker.provider;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One HTTP POST to a provider, as an adapter wants it sent.
 *
 * @param uri     absolute URI, query included
 * @param headers the provider's own headers (authentication, API version); content type and the job's
 *                correlation id are added by {@link ProviderClient}
 * @param body    the JSON body
 */
public record ProviderRequest(String uri, Map<String, String> headers, ObjectNode body) {

    public ProviderRequest {
        headers = Map.copyOf(headers);
    }
}
