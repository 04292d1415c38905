package io.switchboard.evaluator.api;

/** The request cannot be answered as asked (a malformed filter, window or cursor); answered as 400 naming the parameter. */
public class BadRequest extends RuntimeException {

    private final String param;

    public BadRequest(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
