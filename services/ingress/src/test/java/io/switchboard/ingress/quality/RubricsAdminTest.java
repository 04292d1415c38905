package io.switchboard.ingress.quality;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The judges' rubrics through the admin API: what reaches the evaluator, and who may ask. */
@QuarkusTest
@WithTestResource(EvaluatorStub.class)
class RubricsAdminTest {

    private static final String RUBRIC = """
            {"criterion":"helpfulness","template":"Rate it, score from 1 to 5. {{answer}}","scale_min":1,\
            "scale_max":5,"pass_mark":3,"judge_model":"judge"}""";

    @Test
    void theAdminAddsListsCalibratesAndRetiresRubricsAtTheEvaluator() {
        as(ADMIN_KEY).contentType(ContentType.JSON).body(RUBRIC).post("/admin/v1/rubrics").then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("path", equalTo("/internal/rubrics"))
                .body("body", containsString("\"criterion\":\"helpfulness\""));
        as(ADMIN_KEY).get("/admin/v1/rubrics").then().statusCode(200).body("path", equalTo("/internal/rubrics"));
        as(ADMIN_KEY).post("/admin/v1/rubrics/helpfulness/calibrations").then().statusCode(201)
                .body("path", equalTo("/internal/rubrics/helpfulness/calibrations"));
        as(ADMIN_KEY).get("/admin/v1/rubrics/helpfulness/calibrations").then().statusCode(200)
                .body("method", equalTo("GET"));
        as(ADMIN_KEY).delete("/admin/v1/rubrics/helpfulness").then().statusCode(200)
                .body("method", equalTo("DELETE"))
                .body("path", equalTo("/internal/rubrics/helpfulness"));
    }

    @Test
    void anUnknownCriterionIsA404AsTheEvaluatorWroteIt() {
        as(ADMIN_KEY).delete("/admin/v1/rubrics/unknown").then().statusCode(404)
                .body("error.code", equalTo("not_found"))
                .body("error.message", containsString("'unknown'"));
    }

    @Test
    void onlyTheAdminCredentialManagesRubrics() {
        as(ACME_KEY).get("/admin/v1/rubrics").then().statusCode(401);
        given().contentType(ContentType.JSON).body(RUBRIC).post("/admin/v1/rubrics").then().statusCode(401);
        as(ADMIN_KEY).contentType(ContentType.JSON).body("[1, 2]").post("/admin/v1/rubrics").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
