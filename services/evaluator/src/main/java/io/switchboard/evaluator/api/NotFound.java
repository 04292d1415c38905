package io.switchboard.evaluator.api;

/** Nothing is stored under the requested id; answered as 404 by {@link ApiExceptionMapper}. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
