package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ModelsTest {

    @Test
    void modelsListsTheAliasesInOpenAisListFormat() {
        given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/models")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", containsInAnyOrder("gpt-4o-mini", "gpt-4o", "sim-small"))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("switchboard"));
    }

    @Test
    void unknownModelIs404() {
        given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/models/gpt-9")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void modelsNeedAKey() {
        given().when().get("/v1/models").then().statusCode(401);
    }

    @Test
    void theOpenApiDocumentIsGeneratedFromTheCode() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/v1/chat/completions"))
                .body(containsString("/v1/jobs/{id}"));
    }
}
