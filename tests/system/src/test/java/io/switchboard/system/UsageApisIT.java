package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every usage endpoint a tenant can read, through the whole system: each tenant sees exactly its own usage, as
 * its calls' own {@code usage} blocks add up, and nothing of another tenant's; naming another tenant is refused.
 */
class UsageApisIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    /** What a tenant's calls said they used, from the responses the tenant got. */
    private record Used(long prompt, long completion, int requests) {

        Used plus(JsonNode usage) {
            return new Used(prompt + usage.path("prompt_tokens").asLong(),
                    completion + usage.path("completion_tokens").asLong(), requests + 1);
        }
    }

    @Test
    void eachTenantReadsExactlyItsOwnUsageOnEveryEndpoint() throws Exception {
        long since = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).getEpochSecond();
        String tenantA = stack.newTenant("usage-a", "{}");
        String tenantB = stack.newTenant("usage-b", "{}");
        String keyA = stack.issueKey(tenantA);
        String keyB = stack.issueKey(tenantB);
        String keyIdle = stack.issueKey(stack.newTenant("usage-idle", "{}"));
        Used usedA = calls(keyA, 3, 24);
        Used usedB = calls(keyB, 2, 40);

        for (Object[] tenant : List.of(new Object[] { keyA, usedA }, new Object[] { keyB, usedB })) {
            String key = (String) tenant[0];
            Used used = (Used) tenant[1];
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertEquals(used, completions(key, since), "the organization usage API");
                assertEquals(used, legacyUsage(key), "GET /v1/usage");
            });
            assertTrue(costs(key, since).signum() > 0, "the tenant's calls cost something");
        }
        assertEquals(new Used(0, 0, 0), completions(keyIdle, since), "a tenant without calls sees none");
        assertEquals(0, costs(keyIdle, since).signum(), "a tenant without calls pays nothing");
        assertEquals(new Used(0, 0, 0), legacyUsage(keyIdle));

        for (String path : List.of("/v1/organization/usage/completions", "/v1/organization/costs")) {
            Api.Reply foreign = Api.get(stack.ingress.baseUrl() + path + "?start_time=" + since + "&tenant=" + tenantB,
                    keyA);
            assertEquals(403, foreign.status(), path + ": " + foreign.body());
            assertEquals("tenant_not_allowed", foreign.body().at("/error/code").asText(), foreign.body().toString());
        }

        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.ingress.baseUrl() + "/v1/organization/usage/completions?format=csv&start_time=" + since))
                .header("Authorization", "Bearer " + keyA).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map()
                .toString());
        List<String> lines = csv.body().lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        int requests = header.indexOf("num_model_requests");
        assertTrue(requests >= 0, lines.getFirst());
        assertEquals(usedA.requests(), lines.stream().skip(1).mapToInt(line -> Integer.parseInt(line.split(",")[requests]))
                .sum(), csv.body());
    }

    /** Async jobs, each awaited: a sync call timing out under load would still run and be billed. */
    private static Used calls(String key, int count, int maxTokens) throws Exception {
        Used used = new Used(0, 0, 0);
        for (int i = 0; i < count; i++) {
            Api.Reply accepted = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                    {"model":"gpt-4o-mini","max_tokens":%d,"messages":[{"role":"user","content":"usage %s"}]}"""
                    .formatted(maxTokens, UUID.randomUUID()));
            assertEquals(202, accepted.status(), accepted.raw().body());
            String jobId = accepted.body().path("id").asText();
            JsonNode job = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, key).body(),
                            view -> view != null && List.of("succeeded", "failed").contains(view.path("status").asText()));
            assertEquals("succeeded", job.path("status").asText(), job.toString());
            used = used.plus(job.at("/result/usage"));
        }
        return used;
    }

    private static Used completions(String key, long since) throws Exception {
        Api.Reply page = Api.get(stack.ingress.baseUrl() + "/v1/organization/usage/completions?bucket_width=1d&start_time="
                + since, key);
        assertEquals(200, page.status(), page.body().toString());
        assertEquals(false, page.body().path("has_more").asBoolean(), page.body().toString());
        Used used = new Used(0, 0, 0);
        for (JsonNode bucket : page.body().path("data")) {
            for (JsonNode result : bucket.path("results")) {
                used = new Used(used.prompt() + result.path("input_tokens").asLong(),
                        used.completion() + result.path("output_tokens").asLong(),
                        used.requests() + result.path("num_model_requests").asInt());
            }
        }
        return used;
    }

    /** The day's spend in US dollars, as the costs API shows it. */
    private static BigDecimal costs(String key, long since) throws Exception {
        Api.Reply page = Api.get(stack.ingress.baseUrl() + "/v1/organization/costs?start_time=" + since, key);
        assertEquals(200, page.status(), page.body().toString());
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode bucket : page.body().path("data")) {
            for (JsonNode result : bucket.path("results")) {
                assertEquals("usd", result.at("/amount/currency").asText(), result.toString());
                total = total.add(result.at("/amount/value").decimalValue());
            }
        }
        return total;
    }

    private static Used legacyUsage(String key) throws Exception {
        Used used = new Used(0, 0, 0);
        for (JsonNode row : Api.get(stack.ingress.baseUrl() + "/v1/usage", key).body().path("data")) {
            used = new Used(used.prompt() + row.path("prompt_tokens").asLong(),
                    used.completion() + row.path("completion_tokens").asLong(),
                    used.requests() + row.path("requests").asInt());
        }
        return used;
    }
}
