package io.switchboard.billing;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;

/** The answer every billing API gives a request it refuses: 400, OpenAI's error body, the parameter named. */
public final class Refusals {

    private Refusals() {
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
