package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyTest {

    private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"once\"}]}";
    private final String key = "idem-" + UUID.randomUUID();

    @Test
    void theSameKeyAndBodyReturnTheOriginalJob() {
        Response first = post(ACME_KEY, key, BODY);
        Response again = post(ACME_KEY, key, BODY.replace(",", " , "));

        assertEquals(202, first.statusCode());
        assertEquals(202, again.statusCode());
        assertEquals(first.path("id").toString(), again.path("id").toString());
        assertEquals("true", again.header("Idempotent-Replayed"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() {
        post(ACME_KEY, key, BODY).then().statusCode(202);

        post(ACME_KEY, key, BODY.replace("once", "twice")).then().statusCode(409)
                .body("error.code", equalTo("idempotency_key_reused"));
    }

    @Test
    void keysOfDifferentTenantsNeverMeet() {
        String ofAcme = post(ACME_KEY, key, BODY).path("id");
        String ofGlobex = post(GLOBEX_KEY, key, BODY).path("id");

        assertNotEquals(ofAcme, ofGlobex);
    }

    @Test
    void aRequestRefusedBeforeAcceptanceDoesNotUseTheKey() {
        post(ACME_KEY, key, BODY.replace("gpt-4o-mini", "gpt-9")).then().statusCode(404);

        post(ACME_KEY, key, BODY).then().statusCode(202);
    }

    private static Response post(String apiKey, String idempotencyKey, String body) {
        return given().header("Authorization", bearer(apiKey)).header("Idempotency-Key", idempotencyKey)
                .contentType("application/json").body(body).post("/v1/jobs");
    }
}
