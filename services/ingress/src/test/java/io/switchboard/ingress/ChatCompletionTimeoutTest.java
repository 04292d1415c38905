package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing completes the job here, so the synchronous caller gets 504 naming the job to fetch later. */
@QuarkusTest
@TestProfile(ChatCompletionTimeoutTest.ShortWait.class)
class ChatCompletionTimeoutTest {

    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.ingress.sync-timeout", "1s");
        }
    }

    @Test
    void completionThatTakesTooLongIs504WithTheJobIdToFetchLater() {
        String jobId = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(504)
                .body("error.code", equalTo("job_still_running"))
                .body("job_id", startsWith("job_"))
                .extract().path("job_id");

        given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/jobs/" + jobId)
                .then().statusCode(200).body("status", equalTo("queued"));
    }
}
