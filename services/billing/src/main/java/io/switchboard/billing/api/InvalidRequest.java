package io.switchboard.billing.api;

/**
 * A request the caller must change (a body, a parameter, a filter), naming the parameter at fault: answered 400 with
 * OpenAI's error body by {@link InvalidRequestMapper}, wherever in billing's APIs it is thrown.
 */
public class InvalidRequest extends RuntimeException {

    private final String param;
    private final String code;

    public InvalidRequest(String message, String param, String code) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    /** A value the parameter cannot take ({@code invalid_value}). */
    public static InvalidRequest invalidValue(String param, String message) {
        return new InvalidRequest(message, param, "invalid_value");
    }

    /** A required parameter left out ({@code missing_required_parameter}). */
    public static InvalidRequest missing(String param) {
        return new InvalidRequest("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
