package io.switchboard.billing.api;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, as every billing API answers a refusal. */
public record ApiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    public static ApiError of(InvalidRequest invalid) {
        return new ApiError(new Detail(invalid.getMessage(), "invalid_request_error", invalid.param(),
                invalid.code()));
    }

    public static ApiError notFound(String message) {
        return new ApiError(new Detail(message, "invalid_request_error", null, "not_found"));
    }
}
