package io.switchboard.worker.dispatch;

import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.worker.provider.ProviderOutcome;

/** Which kind of failure a provider call came to, as routes name them to choose a fallback. */
final class FailureClass {

    private FailureClass() {
    }

    static ErrorClass of(ProviderOutcome.Failed failed) {
        String code = failed.code() == null ? "" : failed.code();
        int status = failed.httpStatus();
        if (code.equals("provider_stream_interrupted") && !failed.retryable()) {
            return ErrorClass.OTHER; // the caller has seen part of this answer: another target would start over
        }
        if (code.equals("provider_timeout") || status == 408 || status == 504) {
            return ErrorClass.TIMEOUT;
        }
        if (status == 429 || code.equals("rate_limit_exceeded")) {
            return ErrorClass.RATE_LIMITED;
        }
        if (code.equals("context_length_exceeded")) {
            return ErrorClass.CONTEXT_LENGTH;
        }
        if (code.equals("content_filter") || code.equals("content_policy_violation")) {
            return ErrorClass.CONTENT_FILTER;
        }
        // an open circuit is a target known to be failing: the same fallback as its 5xx
        if (status >= 500 || code.equals("provider_circuit_open") || code.equals("provider_unreachable") || code.equals("provider_stream_interrupted")) {
            return ErrorClass.SERVER_ERROR;
        }
        return ErrorClass.OTHER;
    }
}
