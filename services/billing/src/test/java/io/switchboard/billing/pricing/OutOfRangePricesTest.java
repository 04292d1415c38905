package io.switchboard.billing.pricing;

import static io.restassured.RestAssured.given;
import static io.switchboard.billing.Refusals.assertRefused;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The prices API at the edges of what PostgreSQL and a {@code long} hold: a time beyond {@code timestamptz}'s range
 * (a new model's first version may start at any time, so it would reach the database) and numbers far past their
 * range are a 400 naming the field, never a 500.
 */
@QuarkusTest
class OutOfRangePricesTest {

    @ParameterizedTest(name = "effective_from {0}")
    @MethodSource("io.switchboard.billing.Refusals#timesOutOfRange")
    void aFirstVersionStartingOutsideTheDatabasesRangeIsA400(String effectiveFrom) {
        assertRefused(given().contentType(ContentType.JSON).body(body("range-" + UUID.randomUUID(),
                "\"effective_from\":\"" + effectiveFrom + "\",\"prices\":{\"input\":1,\"output\":2}"))
                .post("/internal/prices"), "effective_from", "invalid_value");
    }

    @ParameterizedTest(name = "at {0}")
    @MethodSource("io.switchboard.billing.Refusals#timesOutOfRange")
    void aFilterTimeOutsideTheDatabasesRangeIsA400(String at) {
        assertRefused(given().queryParam("at", at).get("/internal/prices"), "at", "invalid_value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "price with a huge exponent    | \"prices\":{\"input\":1e999999999,\"output\":1}                    | prices.input",
            "price with a tiny exponent    | \"prices\":{\"input\":1e-999999999,\"output\":1}                   | prices.input",
            "price as a huge string        | \"prices\":{\"input\":\"1e2147483647\",\"output\":1}               | prices.input",
            "tier past a long              | \"prices\":{\"input\":1,\"output\":1},\"long_context\":{\"above_prompt_tokens\":9223372036854775808,\"prices\":{\"input\":1,\"output\":1}} | long_context.above_prompt_tokens",
            "tier negative                 | \"prices\":{\"input\":1,\"output\":1},\"long_context\":{\"above_prompt_tokens\":-1,\"prices\":{\"input\":1,\"output\":1}} | long_context.above_prompt_tokens",
            "discount past an int          | \"prices\":{\"input\":1,\"output\":1},\"batch_discount_percent\":4294967346 | batch_discount_percent",
            "discount negative             | \"prices\":{\"input\":1,\"output\":1},\"batch_discount_percent\":-1 | batch_discount_percent" })
    void aNumberFarOutOfItsRangeIsA400(String what, String fields, String param) {
        assertRefused(given().contentType(ContentType.JSON).body(body("range-" + UUID.randomUUID(), fields))
                .post("/internal/prices"), param, "invalid_value");
    }

    private static String body(String model, String fields) {
        return "{\"provider\":\"testco\",\"provider_model\":\"" + model + "\",\"source\":\"test\"," + fields + "}";
    }
}
