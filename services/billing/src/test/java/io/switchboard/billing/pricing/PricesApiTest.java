package io.switchboard.billing.pricing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The internal prices API: adding versions, reading them back, and every refusal as a 400 in OpenAI's shape. */
@QuarkusTest
class PricesApiTest {

    @Test
    void anAddedVersionIsListedFoundAndPricesAtOnce() {
        String model = "api-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(body(model, "\"effective_from\":\"2025-02-01T00:00:00Z\","
                + "\"prices\":{\"input\":\"1.5\",\"cached_input\":0.375,\"output\":6},"
                + "\"long_context\":{\"above_prompt_tokens\":100000,\"prices\":{\"input\":3,\"output\":12}},"
                + "\"batch_discount_percent\":50"))
                .post("/internal/prices").then().statusCode(201)
                .body("provider", equalTo("testco"))
                .body("provider_model", equalTo(model))
                .body("effective_from", equalTo("2025-02-01T00:00:00Z"))
                .body("effective_to", nullValue())
                .body("prices.input", equalTo(1.5f))
                .body("prices.cache_write_5m", nullValue())
                .body("long_context.above_prompt_tokens", equalTo(100000))
                .body("batch_discount_percent", equalTo(50))
                .extract().path("id");

        given().get("/internal/prices/" + id).then().statusCode(200).body("prices.cached_input", equalTo(0.375f));
        given().queryParam("provider", "testco").queryParam("model", model).get("/internal/prices").then()
                .statusCode(200).body("object", equalTo("list")).body("data", hasSize(1))
                .body("data[0].id", equalTo(id));
        given().queryParam("model", model).queryParam("at", "2025-01-31T23:59:59Z").get("/internal/prices").then()
                .statusCode(200).body("data", hasSize(0));
    }

    @Test
    void aSecondVersionShowsTheFirstClosedAndAtPicksTheOneInForce() {
        String model = "api-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body(model, "\"effective_from\":\"2025-02-01T00:00:00Z\","
                + "\"prices\":{\"input\":1,\"output\":2}")).post("/internal/prices").then().statusCode(201);
        Instant change = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        given().contentType(ContentType.JSON).body(body(model, "\"effective_from\":\"" + change + "\","
                + "\"prices\":{\"input\":2,\"output\":4}")).post("/internal/prices").then().statusCode(201);

        given().queryParam("model", model).get("/internal/prices").then().statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].effective_to", equalTo(change.toString()))
                .body("data[1].effective_to", nullValue());
        given().queryParam("model", model).queryParam("at", change.minusSeconds(1).toString())
                .get("/internal/prices").then().body("data", hasSize(1)).body("data[0].prices.input", equalTo(1));
        given().queryParam("model", model).queryParam("at", change.toString())
                .get("/internal/prices").then().body("data", hasSize(1)).body("data[0].prices.input", equalTo(2));
    }

    @Test
    void withoutEffectiveFromAChangeStartsTwoRefreshIntervalsAhead() {
        String model = "api-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body(model, "\"prices\":{\"input\":1,\"output\":2}"))
                .post("/internal/prices").then().statusCode(201).body("effective_from", notNullValue());
        Instant before = Instant.now();
        String from = given().contentType(ContentType.JSON).body(body(model, "\"prices\":{\"input\":2,\"output\":2}"))
                .post("/internal/prices").then().statusCode(201).extract().path("effective_from");
        // refresh interval 15 s (application.properties): at least 30 s ahead
        assertFalse(Instant.parse(from).isBefore(before.plusSeconds(30)), from);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing input    | \"prices\":{\"output\":1}                                   | prices.input | missing_required_parameter",
        "missing prices   | \"batch_discount_percent\":0                                | prices | missing_required_parameter",
        "seven decimals   | \"prices\":{\"input\":0.1234567,\"output\":1}               | prices.input | invalid_value",
        "negative         | \"prices\":{\"input\":1,\"output\":-1}                      | prices.output | invalid_value",
        "not a number     | \"prices\":{\"input\":\"cheap\",\"output\":1}               | prices.input | invalid_value",
        "absurd price     | \"prices\":{\"input\":1000000,\"output\":1}                 | prices.input | invalid_value",
        "typo in a price  | \"prices\":{\"input\":1,\"output\":1,\"cached_imput\":1}    | prices.cached_imput | unknown_parameter",
        "unknown field    | \"prices\":{\"input\":1,\"output\":1},\"currency\":\"eur\"  | currency | unknown_parameter",
        "discount > 100   | \"prices\":{\"input\":1,\"output\":1},\"batch_discount_percent\":150 | batch_discount_percent | invalid_value",
        "inexact discount | \"prices\":{\"input\":0.000001,\"output\":1},\"batch_discount_percent\":50 | batch_discount_percent | invalid_value",
        "bad time         | \"prices\":{\"input\":1,\"output\":1},\"effective_from\":\"tomorrow\" | effective_from | invalid_value",
        "tier threshold   | \"prices\":{\"input\":1,\"output\":1},\"long_context\":{\"above_prompt_tokens\":0,\"prices\":{\"input\":1,\"output\":1}} | long_context.above_prompt_tokens | invalid_value",
        "tier prices      | \"prices\":{\"input\":1,\"output\":1},\"long_context\":{\"above_prompt_tokens\":10} | long_context.prices | missing_required_parameter",
    })
    void anInvalidPriceIsA400NamingTheParameter(String name, String fields, String param, String code) {
        given().contentType(ContentType.JSON).body(body("api-" + UUID.randomUUID(), fields))
                .post("/internal/prices").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    @Test
    void aBodyThatIsNotAPriceIsA400() {
        given().contentType(ContentType.JSON).body("{\"provider\":").post("/internal/prices").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
        given().contentType(ContentType.JSON).body("[1,2]").post("/internal/prices").then().statusCode(400)
                .body("error.code", equalTo("invalid_value"));
        given().contentType(ContentType.JSON).body("").post("/internal/prices").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
        given().contentType(ContentType.JSON).body("{\"provider\":\"Open AI\",\"provider_model\":\"x\"}")
                .post("/internal/prices").then().statusCode(400).body("error.param", equalTo("provider"));
        given().contentType(ContentType.JSON).body("{\"provider\":\"testco\",\"provider_model\":\"x\","
                + "\"prices\":{\"input\":1,\"output\":1}}").post("/internal/prices").then().statusCode(400)
                .body("error.param", equalTo("source"));
    }

    @Test
    void aBackdatedChangeIsA400() {
        String model = "api-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body(model, "\"effective_from\":\"2025-02-01T00:00:00Z\","
                + "\"prices\":{\"input\":1,\"output\":2}")).post("/internal/prices").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body(model, "\"effective_from\":\"2025-01-01T00:00:00Z\","
                + "\"prices\":{\"input\":1,\"output\":2}")).post("/internal/prices").then().statusCode(400)
                .body("error.param", equalTo("effective_from"))
                .body("error.message", containsString("never rewrites history"));
    }

    @Test
    void badFiltersAndUnknownVersionsAreRefusedInOpenAisShape() {
        given().queryParam("at", "yesterday").get("/internal/prices").then().statusCode(400)
                .body("error.param", equalTo("at"));
        given().get("/internal/prices/no-such-version").then().statusCode(404)
                .body("error.code", equalTo("not_found"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void theSeededCatalogIsListedWithItsSources() {
        given().queryParam("provider", "openai").queryParam("model", "gpt-4o").get("/internal/prices").then()
                .statusCode(200)
                .body("data[0].prices.input", equalTo(2.5f))
                .body("data[0].source", containsString("openai.com"))
                .body("data[0].simulated", equalTo(false));
    }

    private static String body(String model, String fields) {
        return "{\"provider\":\"testco\",\"provider_model\":\"" + model + "\",\"source\":\"test\"," + fields + "}";
    }
}
