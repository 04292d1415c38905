package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.OpenAiSpec;

/** Limits are enforced in Redis for all replicas; over a limit is 429 with Retry-After and OpenAI's headers. */
@QuarkusTest
class RateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String tenant = "r-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void requestsOverThePerMinuteLimitAre429WithRetryAfterAndRateLimitHeaders() throws Exception {
        String key = tenantWithLimits("{\"requests_per_minute\":3}");

        for (int remaining = 2; remaining >= 0; remaining--) {
            submit(key, 10).statusCode(202)
                    .header("x-ratelimit-limit-requests", "3")
                    .header("x-ratelimit-remaining-requests", Integer.toString(remaining))
                    .header("x-ratelimit-reset-requests", notNullValue())
                    .header("x-ratelimit-limit-tokens", notNullValue());
        }
        Response refused = post(key, 10);
        refused.then().statusCode(429)
                .header("Retry-After", notNullValue())
                .header("x-ratelimit-remaining-requests", "0")
                .body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.type", equalTo("requests"));
        OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(refused.asString()));
    }

    @Test
    void tokensOverThePerMinuteLimitAre429() {
        String key = tenantWithLimits("{\"tokens_per_minute\":150}");

        submit(key, 100).statusCode(202);
        submit(key, 100).statusCode(429).body("error.type", equalTo("tokens"));
    }

    @Test
    void jobsInFlightAreCappedAndAFinishedJobFreesItsPlace() throws Exception {
        String key = tenantWithLimits("{\"max_concurrent_jobs\":1}");

        String first = submit(key, 10).statusCode(202).extract().path("id");
        submit(key, 10).statusCode(429).body("error.code", equalTo("concurrency_limit_exceeded"));

        complete(first);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> submit(key, 10).statusCode(202));
    }

    @Test
    void aRequestLargerThanTheTokenLimitItselfIs400NotA429ToRetry() {
        String key = tenantWithLimits("{\"tokens_per_minute\":50}");

        submit(key, 100).statusCode(400).body("error.code", equalTo("request_exceeds_token_limit"));
    }

    @Test
    void maxTokensAboveTheTenantsCeilingIs400() {
        String key = tenantWithLimits("{\"max_tokens\":100}");

        submit(key, 101).statusCode(400).body("error.param", equalTo("max_tokens"));
        submit(key, 100).statusCode(202);
    }

    @Test
    void everyAnswerToATenantCarriesTheRateLimitHeadersWithoutUsingALimit() {
        String key = tenantWithLimits("{\"requests_per_minute\":5,\"tokens_per_minute\":1000}");
        submit(key, 10).statusCode(202);
        submit(key, 10).statusCode(202);

        for (ValidatableResponse answer : List.of(get(key, "/v1/jobs/job_unknown").statusCode(404),
                get(key, "/v1/models").statusCode(200), get(key, "/v1/jobs").statusCode(200))) {
            answer.header("x-ratelimit-limit-requests", "5")
                    .header("x-ratelimit-remaining-requests", "3")
                    .header("x-ratelimit-reset-requests", matchesPattern("\\d+(ms|s)"))
                    .header("x-ratelimit-limit-tokens", "1000")
                    .header("x-ratelimit-remaining-tokens", notNullValue())
                    .header("x-ratelimit-reset-tokens", matchesPattern("\\d+(ms|s)"));
        }
        submit(key, 10).statusCode(202).header("x-ratelimit-remaining-requests", "2");
    }

    @Test
    void aSubmissionAnswersWithItsOwnAdmissionsHeadersOnly() {
        String key = tenantWithLimits("{\"requests_per_minute\":5}");

        Response accepted = post(key, 10);

        accepted.then().statusCode(202).header("x-ratelimit-remaining-requests", "4");
        assertEquals(1, accepted.headers().getValues("x-ratelimit-remaining-requests").size());
    }

    @Test
    void answersToNoTenantCarryNoRateLimitHeaders() {
        Response unauthenticated = given().get("/v1/models");

        unauthenticated.then().statusCode(401).header("x-ratelimit-limit-requests", nullValue());
    }

    @Test
    void aFinishedJobCountsItsRealTokensInItsTenantsWindow() throws Exception {
        String key = tenantWithLimits("{\"tokens_per_minute\":1000}");
        String job = submit(key, 100).statusCode(202).header("x-ratelimit-remaining-tokens", "892").extract().path("id");

        complete(job); // 10 tokens, not the 108 estimated

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(key, "/v1/models")
                .header("x-ratelimit-limit-tokens", "1000").header("x-ratelimit-remaining-tokens", "990"));
    }

    @Test
    void aFinishedJobCountsItsRealTokensInItsKeysWindow() throws Exception {
        // the tenant may use far more than one key (1,000,000 by default): the headers show the key's window
        String key = tenantWithLimits("{\"tokens_per_minute\":50000000}");
        String job = submit(key, 100).statusCode(202).header("x-ratelimit-limit-tokens", "1000000")
                .header("x-ratelimit-remaining-tokens", "999892").extract().path("id");

        complete(job);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(key, "/v1/models")
                .header("x-ratelimit-limit-tokens", "1000000").header("x-ratelimit-remaining-tokens", "999990"));
    }

    private static ValidatableResponse get(String key, String path) {
        return given().header("Authorization", bearer(key)).get(path).then();
    }

    private String tenantWithLimits(String limits) {
        TestTenants.create(tenant);
        TestTenants.setLimits(tenant, limits);
        return TestTenants.issueKey(tenant);
    }

    private static ValidatableResponse submit(String key, int maxTokens) {
        return post(key, maxTokens).then();
    }

    private static Response post(String key, int maxTokens) {
        return given().header("Authorization", bearer(key)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/jobs");
    }

    private void complete(String jobId) throws Exception {
        var completion = EventJson.MAPPER.readTree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"sim-small",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}""");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "hi")), 10, null, null, null);
        JobDispatched job = new JobDispatched(1, jobId, tenant, null, "simulator", "sim-small", request, Instant.now());
        KafkaProbe.shared().sendEvent(Topic.RESULTS.topicName(), jobId, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(),
                EventJson.MAPPER.writeValueAsString(JobCompleted.succeeded(job, completion, 5, Instant.now())));
    }
}
