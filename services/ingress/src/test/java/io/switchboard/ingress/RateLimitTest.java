package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
