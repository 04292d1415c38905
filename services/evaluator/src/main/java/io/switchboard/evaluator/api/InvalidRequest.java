package io.switchboard.evaluator.api;

/** The request cannot be served as sent; answered as 400 by {@link ApiExceptionMapper}. */
public class InvalidRequest extends RuntimeException {

    private final String param;

    public InvalidRequest(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
