package io.switchboard.billing.budgets;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, as the budgets API answers a refusal. */
public record BudgetApiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    static BudgetApiError of(InvalidBudgetRequest invalid) {
        return new BudgetApiError(new Detail(invalid.getMessage(), "invalid_request_error", invalid.param(),
                invalid.code()));
    }

    static BudgetApiError notFound(String message) {
        return new BudgetApiError(new Detail(message, "invalid_request_error", null, "not_found"));
    }
}
