package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestBatches.assertOpenAiError;
import static io.switchboard.ingress.TestBatches.batchRequest;
import static io.switchboard.ingress.TestBatches.line;
import static io.switchboard.ingress.TestBatches.uploadLines;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void theSameKeyAndBodyReturnTheOriginalBatch() {
        String body = batchRequest(batchFile(), "/v1/chat/completions", "24h");

        Response first = postBatch(key, body);
        Response again = postBatch(key, body.replace(",", " , "));

        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(first.path("id").toString(), again.path("id").toString());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", again.header("Idempotent-Replayed"));
    }

    @Test
    void theSameKeyWithAnotherBatchIs409() throws Exception {
        String file = batchFile();
        postBatch(key, batchRequest(file, "/v1/chat/completions", "24h")).then().statusCode(200);

        Response reused = postBatch(key, batchRequest(file, "/v1/chat/completions", "24h").replace("batches", "other"));

        assertOpenAiError(reused, 409, "idempotency_key_reused");
    }

    @Test
    void aBatchNotCreatedDoesNotUseTheKey() throws Exception {
        assertOpenAiError(postBatch(key, batchRequest("file-nope", "/v1/chat/completions", "24h")), 404,
                "file_not_found");
        assertOpenAiError(postBatch(key, batchRequest(batchFile(), "/v1/chat/completions", "1h")), 400,
                "invalid_value");

        Response created = postBatch(key, batchRequest(batchFile(), "/v1/chat/completions", "24h"));

        assertEquals(200, created.statusCode(), created.asString());
        assertNull(created.header("Idempotent-Replayed"));
    }

    /** A file whose one request is rejected at once: its batch needs no job to finish. */
    private static String batchFile() {
        return uploadLines(ACME_KEY, line(UUID.randomUUID().toString(), "x", "gpt-unknown"));
    }

    private static Response postBatch(String idempotencyKey, String body) {
        return given().header("Authorization", bearer(ACME_KEY)).header("Idempotency-Key", idempotencyKey)
                .contentType("application/json").body(body).post("/v1/batches");
    }

    private static Response post(String apiKey, String idempotencyKey, String body) {
        return given().header("Authorization", bearer(apiKey)).header("Idempotency-Key", idempotencyKey)
                .contentType("application/json").body(body).post("/v1/jobs");
    }
}
