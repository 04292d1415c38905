package io.switchboard.billing.budgets;

/** A budget or reservation request refused for what it says; answered 400 in OpenAI's error shape. */
public class InvalidBudgetRequest extends RuntimeException {

    private final String param;
    private final String code;

    public InvalidBudgetRequest(String message, String param, String code) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
