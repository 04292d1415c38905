package io.switchboard.ingress.chat;

import io.switchboard.ingress.api.ApiException;

/** Turns the error a job failed with into the HTTP answer OpenAI's clients expect for it. */
public final class ProviderErrors {

    private ProviderErrors() {
    }

    public static ApiException toApiException(String code, String message) {
        String text = message != null ? message : "The job failed (" + code + ").";
        if (code == null) {
            return new ApiException(502, "server_error", text, null, null, null);
        }
        return switch (code) {
            case "model_not_found" -> ApiException.notFound(text, code);
            case "rate_limit_exceeded" -> new ApiException(429, "rate_limit_error", text, null, code, null);
            case "provider_timeout" -> new ApiException(504, "timeout", text, null, code, null);
            case "context_length_exceeded", "invalid_request_error" -> ApiException.invalidRequest(text, "messages", code);
            // the provider refused the content: the request, not the gateway, is at fault, as OpenAI answers it
            case "content_filter" -> ApiException.invalidRequest(text, "messages", code);
            // nothing wrong with the request or the provider's answer: the gateway cannot call the target now
            // (its circuit is open after repeated failures, or no worker holds the route's credentials)
            case "provider_circuit_open", "provider_credentials_unknown" ->
                    new ApiException(503, "server_error", text, null, code, null);
            default -> new ApiException(502, "server_error", text, null, code, null);
        };
    }
}
