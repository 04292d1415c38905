package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Normalises provider failures to the OpenAI-style codes the rest of Switchboard understands (the ingress
 * turns them into HTTP answers), with the same retry rule and the same care about what tenants may read,
 * whichever provider failed.
 */
public final class ProviderFailures {

    public static final String RATE_LIMITED = "rate_limit_exceeded";
    public static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";
    public static final String CONTENT_FILTER = "content_filter";
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String MODEL_NOT_FOUND = "model_not_found";
    /** The gateway's own credentials were refused: never the tenant's key, so never {@code invalid_api_key}. */
    public static final String AUTHENTICATION_FAILED = "provider_authentication_failed";
    public static final String TIMEOUT = "provider_timeout";
    public static final String UNREACHABLE = "provider_unreachable";
    public static final String INVALID_RESPONSE = "provider_invalid_response";

    private ProviderFailures() {
    }

    /**
     * A failed provider call. 429, 408, 5xx and Anthropic's 529 are worth retrying; anything else would fail
     * the same way again.
     *
     * @param code            the adapter's reading of the provider's error (one of this class's codes, or a
     *                        code OpenAI itself uses), null when it could not tell; the status decides then
     * @param providerMessage the provider's own words, shown to tenants only when they are about the request
     */
    public static ProviderOutcome.Failed failed(int status, String code, String providerMessage, Duration retryAfter) {
        String normalized = normalize(status, code);
        boolean retryable = status == 429 || status == 408 || status >= 500;
        return new ProviderOutcome.Failed(normalized, tenantFacingMessage(status, normalized, providerMessage), status,
                retryable, retryAfter);
    }

    /** The request holds what the provider cannot take: a 400 that names it, not worth retrying. */
    public static ProviderOutcome.Failed unsupported(UnsupportedContent unsupported) {
        return failed(400, INVALID_REQUEST, unsupported.getMessage(), null);
    }

    /** A 2xx answer that is not what the provider's format promises. */
    public static ProviderOutcome.Failed invalidResponse(int status) {
        return new ProviderOutcome.Failed(INVALID_RESPONSE, "The provider's answer could not be read.", status, false,
                null);
    }

    /** The call did not get an answer: it timed out, or the connection failed or broke. */
    public static ProviderOutcome.Failed transportFailure(Throwable failure) {
        boolean timeout = failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
        return new ProviderOutcome.Failed(timeout ? TIMEOUT : UNREACHABLE,
                timeout ? "The provider did not answer in time." : "The provider could not be reached.", 0, true, null);
    }

    /** {@code Retry-After} in seconds; null when absent or an HTTP-date, where our own backoff serves as well. */
    public static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normalize(int status, String code) {
        if (status == 401 || status == 403 || AUTHENTICATION_FAILED.equals(code)) {
            return AUTHENTICATION_FAILED;
        }
        if (status >= 500) {
            // whatever a provider calls its outage, the gateway reports it by status, the same for all
            return status == 504 ? TIMEOUT : "provider_http_" + status;
        }
        if (code != null) {
            return code;
        }
        return switch (status) {
            case 429 -> RATE_LIMITED;
            case 408 -> TIMEOUT;
            case 400, 413, 422 -> INVALID_REQUEST;
            default -> "provider_http_" + status;
        };
    }

    /**
     * Only errors about the request itself (400, 404, 413, 422) keep the provider's words. Others describe
     * the gateway's own account with the provider (its organisation, quotas, a masked key) and must not reach
     * tenants, who get a plain description instead.
     */
    private static String tenantFacingMessage(int status, String code, String providerMessage) {
        boolean aboutTheRequest = status == 400 || status == 404 || status == 413 || status == 422;
        if (aboutTheRequest && providerMessage != null && !AUTHENTICATION_FAILED.equals(code)) {
            return providerMessage;
        }
        return switch (code) {
            case RATE_LIMITED -> "The provider is rate limiting requests; the job was retried and then given up.";
            case AUTHENTICATION_FAILED -> "The gateway could not authenticate with the provider.";
            case TIMEOUT -> "The provider did not answer in time.";
            default -> status > 0 ? "The provider answered HTTP " + status + "." : "The provider failed the request.";
        };
    }
}
