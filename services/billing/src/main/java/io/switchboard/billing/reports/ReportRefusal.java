package io.switchboard.billing.reports;

/** A report request the caller must change: answered 400 with OpenAI's error body, naming the parameter. */
public class ReportRefusal extends RuntimeException {

    private final String param;
    private final String code;

    ReportRefusal(String message, String param, String code) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    static ReportRefusal invalid(String param, String message) {
        return new ReportRefusal(message, param, "invalid_value");
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
