package io.switchboard.ingress.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP status an OpenAI client gets for each way a job can fail, and the code it can act on. */
class ProviderErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "model_not_found, 404",
            "rate_limit_exceeded, 429",
            "provider_timeout, 504",
            "context_length_exceeded, 400",
            "content_filter, 400",
            "provider_circuit_open, 503",
            "provider_credentials_unknown, 503",
            "provider_http_500, 502",
            "provider_invalid_response, 502" })
    void eachFailureGetsTheStatusOpenAiClientsExpectWithItsCode(String code, int status) {
        var answer = ProviderErrors.toApiException(code, "The job failed.");
        assertEquals(status, answer.status());
        assertEquals(code, answer.code());
    }
}
