package io.switchboard.billing.pricing;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, as the prices API answers a refusal. */
public record PriceApiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    static PriceApiError of(InvalidPrice invalid) {
        return new PriceApiError(new Detail(invalid.getMessage(), "invalid_request_error", invalid.param(),
                invalid.code()));
    }

    static PriceApiError notFound(String message) {
        return new PriceApiError(new Detail(message, "invalid_request_error", null, "not_found"));
    }
}
