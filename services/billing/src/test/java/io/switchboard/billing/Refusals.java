package io.switchboard.billing;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.stream.Stream;

import io.restassured.response.Response;

/** The answer every billing API gives a request it refuses: 400, OpenAI's error body, the parameter named. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Times a request may not name (for {@code @MethodSource}): beyond PostgreSQL's {@code timestamptz} (year 300000,
     * 4714 BC), beyond {@link java.time.Instant} nearly (a billion years either way), and just past year 9999.
     */
    public static Stream<String> timesOutOfRange() {
        return Stream.of("+300000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "-4714-11-24T00:00:00Z", "+10000-01-01T00:00:00Z");
    }

    /** @param code the expected {@code error.code}, or null for any */
    public static void assertRefused(Response answer, String param, String code) {
        answer.then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.code", code == null ? not(emptyOrNullString()) : equalTo(code))
                .body("error.message", not(emptyOrNullString()));
    }
}
