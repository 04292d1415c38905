package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.OpenAiSpec;

/** Every way a request can be wrong gets its 4xx and an OpenAI error body (checked against OpenAI's spec), never a 500. */
@QuarkusTest
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedJsonIs400() {
        post("{\"model\": \"gpt-4o-mini\", \"messages\": [", ACME_KEY)
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_json"))
                .body("error", hasKey("param"));
    }

    @Test
    void missingModelIs400NamingTheParam() {
        post("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("model"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("model"));
    }

    @Test
    void missingMessagesIs400NamingTheParam() {
        post("{\"model\":\"gpt-4o-mini\"}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages"))
                .body("error.code", equalTo("missing_required_parameter"));
    }

    @Test
    void messagesOfTheWrongTypeIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":\"hello\"}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages"))
                .body("error.code", equalTo("invalid_type"));
    }

    @Test
    void unknownRoleIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages[0].role"));
    }

    @Test
    void aToolMessageWithoutItsCallIdIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"tool\",\"content\":\"21 C\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages[0].tool_call_id"))
                .body("error.code", equalTo("missing_required_parameter"));
    }

    @Test
    void aContentPartTheRoleCannotSendIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages[0].content[0].type"));
    }

    @Test
    void anImagePartWithoutItsUrlIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
                ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages[0].content[0].image_url"));
    }

    @Test
    void aToolWithAnInvalidNameIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"look up!\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("tools[0].function.name"));
    }

    @Test
    void aToolChoiceNamingNoOfferedToolIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"other\"}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("tool_choice"));
    }

    @Test
    void moreThanFourStopSequencesIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("stop"));
    }

    @Test
    void aToolCallOnAUserMessageIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"tool_calls\":[]}]}",
                ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("messages[0].tool_calls"));
    }

    @Test
    void unknownModelIs404WithModelNotFound() {
        post("{\"model\":\"gpt-9-ultra\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "x".repeat(1_100_000);
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}", ACME_KEY)
                .statusCode(413)
                .body("error.code", equalTo("request_too_large"));
    }

    @Test
    void missingKeyIs401() {
        Response response = given().contentType("application/json").body("{}").when().post("/v1/jobs");
        assertConformsToOpenAiError(response);
        response.then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.param", nullValue());
    }

    @Test
    void wrongKeyIs401AndTheKeyIsNotEchoed() {
        post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "sk-not-a-real-key")
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.message", not(containsString("sk-not-a-real-key")));
    }

    @Test
    void nonPositiveMaxTokensIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("max_tokens"));
    }

    @Test
    void unknownPriorityIs400() {
        post("{\"model\":\"gpt-4o-mini\",\"priority\":\"urgent\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ACME_KEY)
                .statusCode(400)
                .body("error.param", equalTo("priority"));
    }

    @Test
    void unknownJobIs404() {
        Response response = given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/jobs/job_doesnotexist");
        assertConformsToOpenAiError(response);
        response.then().statusCode(404)
                .body("error.code", equalTo("job_not_found"));
    }

    /** Posts a bad request and checks its error body against OpenAI's published ErrorResponse schema. */
    private static ValidatableResponse post(String body, String key) {
        Response response = given().header("Authorization", bearer(key)).contentType("application/json").body(body)
                .when().post("/v1/jobs");
        assertConformsToOpenAiError(response);
        return response.then();
    }

    private static void assertConformsToOpenAiError(Response response) {
        try {
            OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.asString()));
        } catch (java.io.IOException e) {
            throw new AssertionError("error body is not JSON: " + response.asString(), e);
        }
    }
}
