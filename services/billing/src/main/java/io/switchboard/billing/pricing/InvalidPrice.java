package io.switchboard.billing.pricing;

/** A price the catalog refuses, naming the parameter at fault: answered 400 in OpenAI's error shape. */
public class InvalidPrice extends RuntimeException {

    private final String param;
    private final String code;

    public InvalidPrice(String message, String param, String code) {
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
